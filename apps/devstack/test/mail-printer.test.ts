import { createTestDatabase, type TestDatabase } from '@roundhouse/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { printOutboxMail } from '../src/mail-printer';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb?.destroy());

it('prints mail the worker stores after the stack started, once each', async () => {
  await sql`insert into email_outbox (to_address, from_address, subject, text_body, created_at)
    values ('old@example.test', 'rh', 'Old', 'before the start', now() - interval '1 minute')`.execute(
    testDb.db,
  );
  const printed: string[] = [];
  const printer = printOutboxMail(testDb.db, (line) => printed.push(line), 20);
  try {
    await sql`insert into email_outbox (to_address, from_address, subject, text_body)
      values ('ada@example.test', 'rh', 'Reset your Roundhouse password', ${'Hello Ada,\nhttp://x/reset?token=1'})`.execute(
      testDb.db,
    );
    const deadline = Date.now() + 5_000;
    while (printed.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
  } finally {
    printer.stop();
  }
  expect(printed).toHaveLength(1);
  expect(printed[0]).toContain('email to ada@example.test: Reset your Roundhouse password');
  expect(printed[0]).toContain('[mail]   http://x/reset?token=1');
  expect(printed.join('\n')).not.toContain('before the start');
});
