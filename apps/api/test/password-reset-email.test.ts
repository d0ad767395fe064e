import { createTestDatabase, type TestDatabase } from '@roundhouse/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queuedEmailSender } from '../src/auth/email';
import { jobs } from './admin-fixtures';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb?.destroy());

it('hands the reset mail to the worker as a send_password_reset job', async () => {
  const message = {
    to: 'ada@example.test',
    name: 'Ada',
    url: 'http://localhost:5173/reset-password?token=t0k3n',
  };
  await queuedEmailSender(testDb.db).sendPasswordReset(message);

  expect(await jobs(testDb.db)).toEqual([
    { task: 'send_password_reset', payload: message, key: null },
  ]);
});
