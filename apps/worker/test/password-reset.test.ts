import { expect, it } from 'vitest';
import { useWorkerHarness } from './support/use-test-db';
import { sendPasswordResetTask } from '../src/tasks/send-password-reset.task';
import { workerDb } from '../src/worker-tables';

const { testDb, harness } = useWorkerHarness({ tasks: [sendPasswordResetTask] });

it('mails the reset link the API queued (development: into email_outbox)', async () => {
  const url = 'http://localhost:5173/reset-password?token=abc123';
  const result = await harness().runJob('send_password_reset', {
    to: 'ada@example.test',
    name: 'Ada',
    url,
  });
  expect(result.status).toBe('succeeded');

  const mails = await workerDb(testDb().db)
    .selectFrom('email_outbox')
    .selectAll()
    .where('to_address', '=', 'ada@example.test')
    .execute();
  expect(mails).toHaveLength(1);
  expect(mails[0]!.subject).toBe('Reset your Roundhouse password');
  expect(mails[0]!.text_body).toContain(url);
  expect(mails[0]!.text_body).toContain('Hello Ada');
});

it('refuses a payload that is not a reset link for an address', async () => {
  await expect(
    harness().runJob('send_password_reset', { to: 'not an address', name: '', url: 'nope' }),
  ).rejects.toThrow(/to|url/i);
});
