import { createOutboxMailer } from '../email/mailer';
import { defineTask } from '../define-task';
import { workerDb } from '../worker-tables';

/**
 * Mails the reset link better-auth generated (the API enqueued it). One message per job: a retry
 * after an SMTP failure sends it again with the same Message-ID, which receivers deduplicate.
 */
export const sendPasswordResetTask = defineTask('send_password_reset', async (payload, ctx) => {
  await (ctx.mailer ?? createOutboxMailer()).send(workerDb(ctx.db), {
    to: payload.to,
    subject: 'Reset your Roundhouse password',
    text: [
      `Hello ${payload.name || payload.to},`,
      '',
      'Someone (hopefully you) asked to reset the password of your Roundhouse account.',
      `Open this link within one hour to choose a new one: ${payload.url}`,
      '',
      'If it was not you, ignore this email: your password stays as it is.',
    ].join('\n'),
    messageId: `<password-reset-${ctx.helpers.job.id}@roundhouse>`,
  });
});
