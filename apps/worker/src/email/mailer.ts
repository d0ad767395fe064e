import { createTransport } from 'nodemailer';
import type { WorkerDbOrTrx } from '../worker-tables';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per notification, so a receiving server can drop a resent duplicate. */
  messageId: string;
  notificationId?: string;
}

/**
 * Sends one email. `trx` is the transaction that marks the notification as emailed: the outbox
 * writes in it (exactly once), SMTP sends before it commits (at least once; the Message-ID lets
 * the receiving side deduplicate the rare resend after a crash).
 */
export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  send(trx: WorkerDbOrTrx, message: EmailMessage): Promise<void>;
  close(): void;
}

/** From address when MAIL_FROM is unset. */
export const DEFAULT_MAIL_FROM = 'Roundhouse <noreply@roundhouse.local>';

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = createTransport(smtpUrl);
  return {
    kind: 'smtp',
    async send(_trx, message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: message.messageId,
      });
    },
    close: () => transport.close(),
  };
}

/** Development (no SMTP_URL): emails are stored in email_outbox to be read back. */
export function createOutboxMailer(from = DEFAULT_MAIL_FROM): Mailer {
  return {
    kind: 'outbox',
    async send(trx, message) {
      await trx
        .insertInto('email_outbox')
        .values({
          notification_id: message.notificationId ?? null,
          to_address: message.to,
          from_address: from,
          subject: message.subject,
          text_body: message.text,
        })
        .execute();
    },
    close: () => {},
  };
}
