import type { Db } from '@roundhouse/db';
import { enqueue } from '@roundhouse/db';

export interface PasswordResetEmail {
  to: string;
  name: string;
  /** One-time link; a bearer credential until it expires (1 hour). */
  url: string;
}

/** Outgoing mail the API sends. Injected through ApiServices so tests can capture it. */
export interface EmailSender {
  sendPasswordReset(message: PasswordResetEmail): Promise<void>;
}

/**
 * The API sends no mail itself: it hands the message to the worker, which delivers through
 * SMTP_URL or, in development, stores it in the email_outbox table (the devstack prints it).
 */
export function queuedEmailSender(db: Db): EmailSender {
  return {
    async sendPasswordReset(message) {
      await enqueue(db, 'send_password_reset', message);
    },
  };
}
