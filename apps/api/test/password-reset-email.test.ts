import { expect, it } from 'vitest';
import { queuedEmailSender } from '../src/auth/email';
import { jobs } from './admin-fixtures';
import { useTestDb } from './support/use-test-db';

const db = useTestDb();

it('hands the reset mail to the worker as a send_password_reset job', async () => {
  const message = {
    to: 'ada@example.test',
    name: 'Ada',
    url: 'http://localhost:5173/reset-password?token=t0k3n',
  };
  await queuedEmailSender(db()).sendPasswordReset(message);

  expect(await jobs(db())).toEqual([{ task: 'send_password_reset', payload: message, key: null }]);
});
