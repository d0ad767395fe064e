import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SeedResult } from './seeds';

/**
 * What the person who ran `npm start` is told about the seeded accounts: new passwords in a box
 * (the only time they are shown), or that the accounts exist and how to get in again.
 */
export function credentialsMessage(result: SeedResult, url: string): string {
  const created = result.accounts.filter((a) => a.password !== null);
  if (created.length === 0) {
    const emails = result.accounts.map((a) => `${a.email} (${a.role})`).join(', ');
    return [
      `Seeded accounts exist: ${emails}.`,
      `Forgot a password? Use "Forgot password" at ${url}: without SMTP the reset link is printed`,
      `in the [api] log. Or stop, delete the data directory, and start afresh.`,
    ].join('\n');
  }
  const lines = [
    `Open ${url} and sign in:`,
    '',
    ...result.accounts.map(
      (a) =>
        `${a.role.padEnd(8)} ${a.email}  ${a.password ? `password: ${a.password}` : '(existed already; password unchanged)'}`,
    ),
    '',
    'These passwords are shown only this once.',
  ];
  return box(lines);
}

export function box(lines: string[]): string {
  const width = Math.max(...lines.map((line) => line.length));
  const border = `+${'-'.repeat(width + 2)}+`;
  return [border, ...lines.map((line) => `| ${line.padEnd(width)} |`), border].join('\n');
}

/** For browser tests only (ROUNDHOUSE_E2E=1): the new accounts' passwords, readable by the owner. */
export function writeCredentialsFile(dataDir: string, result: SeedResult): string | null {
  const created = result.accounts.filter((a) => a.password !== null);
  if (created.length === 0) return null;
  const file = path.join(dataDir, 'seed-credentials.json');
  const content = Object.fromEntries(
    created.map((a) => [a.role, { email: a.email, password: a.password }]),
  );
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // mode only applies to a new file
  return file;
}
