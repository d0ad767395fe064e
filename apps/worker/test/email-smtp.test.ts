import { jobKeys } from '@roundhouse/core';
import { createTestDatabase, insertUser, type TestDatabase } from '@roundhouse/db/testing';
import { createSimulator, type Simulator } from '@roundhouse/railway-sdk/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSmtpMailer } from '../src/email/mailer';
import { notify } from '../src/notifications/notify';
import { sendNotificationTask } from '../src/tasks/send-notification.task';
import { workerDb } from '../src/worker-tables';
import { jobIdByKey } from './support/jobs';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness';

let testDb: TestDatabase;
let sim: Simulator;
let smtp: SmtpSink;
let harness: WorkerHarness;

beforeAll(async () => {
  [testDb, sim, smtp] = await Promise.all([
    createTestDatabase(),
    createSimulator({ clock: 'manual' }),
    startSmtpSink(),
  ]);
  const mailer = createSmtpMailer(smtp.url, 'Roundhouse <ops@roundhouse.test>');
  harness = await startWorkerHarness({
    db: testDb,
    sim,
    tasks: [sendNotificationTask],
    overrides: { mailer },
  });
});
afterAll(async () => {
  await harness?.stop();
  harness?.deps.mailer?.close();
  await Promise.all([sim?.close(), testDb?.destroy(), smtp?.close()]);
});

it('sends through SMTP when configured, retrying a temporary refusal, once', async () => {
  const user = await insertUser(testDb.db);
  smtp.failNext(1);
  const id = await testDb.db.transaction().execute((trx) =>
    notify(trx, {
      userId: user.id,
      type: 'instance.running',
      title: 'Your instance is running',
      body: 'It answers on its public URL.',
    }),
  );
  const result = await harness.waitForJob(await jobIdByKey(testDb.db, jobKeys.notification(id)));
  expect(result).toMatchObject({ status: 'succeeded', attempts: 2 });
  expect(String(result.errors[0])).toMatch(/451/);

  expect(smtp.messages).toHaveLength(1);
  const message = smtp.messages[0] ?? '';
  expect(message).toContain(`To: ${user.email}`);
  expect(message).toContain('From: Roundhouse <ops@roundhouse.test>');
  expect(message).toContain('Subject: Your instance is running');
  expect(message).toContain(`Message-ID: <notification-${id}@roundhouse>`);
  expect(message).toContain('It answers on its public URL.');
  const row = await testDb.db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  expect(row.email_sent_at).toBeInstanceOf(Date);
  expect(await workerDb(testDb.db).selectFrom('email_outbox').selectAll().execute()).toEqual([]);

  // the same notification queued again (e.g. a duplicate enqueue) sends nothing new
  const again = await harness.runJob('send_notification', { notificationId: id });
  expect(again.status).toBe('succeeded');
  expect(smtp.messages).toHaveLength(1);
});
