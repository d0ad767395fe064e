import type { Db } from '@roundhouse/db';
import { sql } from 'kysely';
import { prefixLine } from './log-format';

interface OutboxMail {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  created_at: Date;
}

/**
 * Development has no SMTP: the worker stores emails in email_outbox. Printing each new one makes
 * the password-reset link (and notification mails) reachable from the terminal running the stack.
 */
export function printOutboxMail(
  db: Db,
  write: (line: string) => void,
  intervalMs = 2_000,
): { stop(): void } {
  // Postgres keeps microseconds, a JS Date only milliseconds: the newest row is re-read at the
  // boundary, so rows already printed are remembered by id.
  let since = new Date();
  const printed = new Set<string>();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void newMail(db, since)
      .then((mails) => {
        for (const mail of mails) {
          if (printed.has(mail.id)) continue;
          printed.add(mail.id);
          since = mail.created_at;
          write(formatMail(mail));
        }
      })
      .catch(() => {
        // The database may be stopping with the stack; the next tick tries again.
      })
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  return { stop: () => clearInterval(timer) };
}

async function newMail(db: Db, since: Date): Promise<OutboxMail[]> {
  const { rows } = await sql<OutboxMail>`
    select id, to_address, subject, text_body, created_at from email_outbox
    where created_at >= ${since} order by created_at limit 20`.execute(db);
  return rows;
}

export function formatMail(mail: Pick<OutboxMail, 'to_address' | 'subject' | 'text_body'>): string {
  return [`email to ${mail.to_address}: ${mail.subject}`, ...mail.text_body.split('\n')]
    .map((line) => prefixLine('mail', line))
    .join('\n');
}
