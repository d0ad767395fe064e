import type { Logger } from 'pino';

export interface PasswordResetEmail {
  to: string;
  name: string;
  /** One-time link; a bearer credential until it expires (1 hour). */
  url: string;
}

/** Outgoing mail the API sends. Injected through ApiServices so tests and the worker issue can swap it. */
export interface EmailSender {
  sendPasswordReset(message: PasswordResetEmail): Promise<void>;
}

/**
 * Until real delivery exists (the worker issue brings SMTP): log that a reset was requested,
 * without the link, which would let anyone who can read the logs take over the account.
 * Operators in development who need the link read it from the `verification` table.
 */
export function loggingEmailSender(logger: Logger): EmailSender {
  return {
    async sendPasswordReset({ to }) {
      logger.info(
        { to, event: 'password_reset_requested' },
        'password reset link not sent: no mail transport configured',
      );
    },
  };
}
