import type { Notification } from '@roundhouse/db';
import { wantsEmail } from '@roundhouse/db/repositories/notifications';
import { sql } from 'kysely';
import type { TaskContext } from '../define-task';
import { createOutboxMailer } from '../email/mailer';
import { workerDb } from '../worker-tables';

export type EmailOutcome = 'sent' | 'already-sent' | 'opted-out';

/**
 * Emails a notification to its user unless they switched the category off. The row is locked
 * and re-checked, and email_sent_at is set in the same transaction as the send, so a retried or
 * duplicated job never emails twice.
 */
export async function deliverEmail(
  ctx: TaskContext,
  notification: Notification,
): Promise<EmailOutcome> {
  if (notification.email_sent_at) return 'already-sent';
  if (!(await wantsEmail(ctx.db, notification.user_id, notification.type))) return 'opted-out';
  return workerDb(ctx.db)
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .selectFrom('notifications')
        .innerJoin('user', 'user.id', 'notifications.user_id')
        .select(['notifications.email_sent_at', 'user.email', 'user.name'])
        .where('notifications.id', '=', notification.id)
        .forUpdate('notifications')
        .executeTakeFirst();
      if (!row || row.email_sent_at) return 'already-sent';
      await (ctx.mailer ?? createOutboxMailer()).send(trx, {
        to: row.email,
        subject: notification.title,
        text: emailText(ctx.config.appUrl, row.name, notification),
        messageId: `<notification-${notification.id}@roundhouse>`,
        notificationId: notification.id,
      });
      await trx
        .updateTable('notifications')
        .set({ email_sent_at: sql<Date>`now()` })
        .where('id', '=', notification.id)
        .execute();
      return 'sent';
    });
}

function emailText(appUrl: string, name: string, notification: Notification): string {
  const link = new URL('/notifications', appUrl).toString();
  return [
    `Hello ${name},`,
    '',
    notification.body,
    '',
    `Details: ${link}`,
    '',
    'You can choose which emails you receive in your account settings.',
  ].join('\n');
}
