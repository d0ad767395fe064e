import { jobKeys } from '@roundhouse/core';
import {
  NOTIFICATION_DELIVERY_ATTEMPTS,
  setEmailPreferences,
} from '@roundhouse/db/repositories/notifications';
import { createTestDatabase, insertUser, type TestDatabase } from '@roundhouse/db/testing';
import { createSimulator, type Simulator } from '@roundhouse/railway-sdk/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify, notifyAdmins } from '../src/notifications/notify';
import { sendNotificationTask } from '../src/tasks/send-notification.task';
import { sendWebhookTestTask } from '../src/tasks/send-webhook-test.task';
import { verifySignature } from '../src/webhooks/signature';
import { workerDb } from '../src/worker-tables';
import { jobIdByKey } from './support/jobs';
import { createEndpoint } from './support/messaging-fixtures';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness';

let testDb: TestDatabase;
let sim: Simulator;
let receiver: WebhookReceiver;
let harness: WorkerHarness;

beforeAll(async () => {
  [testDb, sim, receiver] = await Promise.all([
    createTestDatabase(),
    createSimulator({ clock: 'manual' }),
    startWebhookReceiver(),
  ]);
  harness = await startWorkerHarness({
    db: testDb,
    sim,
    tasks: [sendNotificationTask, sendWebhookTestTask],
  });
});
afterAll(async () => {
  await harness?.stop();
  await Promise.all([sim?.close(), testDb?.destroy(), receiver?.close()]);
});

const db = () => workerDb(testDb.db);
const outbox = (notificationId: string) =>
  db()
    .selectFrom('email_outbox')
    .selectAll()
    .where('notification_id', '=', notificationId)
    .execute();
const notification = (id: string) =>
  db().selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const delivery = (notificationId: string, endpointId: string) =>
  db()
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('notification_id', '=', notificationId)
    .where('endpoint_id', '=', endpointId)
    .executeTakeFirst();
const endpointRow = (id: string) =>
  db().selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** notify() in a transaction (as tasks do), then the send_notification job it queued. */
async function notifyAndDeliver(userId: string, type: string, data: Record<string, unknown> = {}) {
  const id = await testDb.db
    .transaction()
    .execute((trx) =>
      notify(trx, { userId, type, title: `${type} title`, body: 'Body text.', data }),
    );
  const result = await harness.waitForJob(await jobIdByKey(testDb.db, jobKeys.notification(id)));
  return { id, result };
}

describe('send_notification', () => {
  it('emails the user (dev outbox) and posts a signed webhook a receiver can verify', async () => {
    const user = await insertUser(testDb.db);
    const endpoint = await createEndpoint(testDb.db, harness.deps.keyring, {
      userId: user.id,
      url: receiver.url('signed'),
      events: ['instance.running'],
    });
    const { id, result } = await notifyAndDeliver(user.id, 'instance.running', {
      instanceId: 'i-1',
    });
    expect(result).toMatchObject({ status: 'succeeded', attempts: 1 });

    const mails = await outbox(id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to_address: user.email, subject: 'instance.running title' });
    expect(mails[0]?.text_body).toContain('Body text.');

    const [request, ...more] = receiver.received('signed');
    expect(more).toEqual([]);
    const header = request?.headers['roundhouse-signature'] as string;
    expect(verifySignature(header, request?.body ?? '', endpoint.secret)).toBe(true);
    expect(verifySignature(header, `${request?.body} `, endpoint.secret)).toBe(false);
    expect(verifySignature(header, request?.body ?? '', 'whsec_other')).toBe(false);
    expect(JSON.parse(request?.body ?? '')).toMatchObject({
      id,
      type: 'instance.running',
      data: { instanceId: 'i-1', title: 'instance.running title', body: 'Body text.' },
    });
    expect(request?.headers['roundhouse-event']).toBe('instance.running');

    const row = await notification(id);
    expect(row.email_sent_at).toBeInstanceOf(Date);
    expect(row.webhook_sent_at).toBeInstanceOf(Date);
    expect(await delivery(id, endpoint.id)).toMatchObject({
      attempts: 1,
      response_status: 200,
      last_error: null,
    });
    expect((await delivery(id, endpoint.id))?.delivered_at).toBeInstanceOf(Date);
    expect(await endpointRow(endpoint.id)).toMatchObject({ failure_count: 0 });
  });

  it("respects the user's email preferences (webhooks still go out)", async () => {
    const user = await insertUser(testDb.db);
    await setEmailPreferences(testDb.db, { userId: user.id, email: { deployment: false } });
    await createEndpoint(testDb.db, harness.deps.keyring, {
      userId: user.id,
      url: receiver.url('prefs'),
      events: ['deployment.failed'],
    });
    const off = await notifyAndDeliver(user.id, 'deployment.failed');
    const on = await notifyAndDeliver(user.id, 'instance.failed');
    expect(off.result.status).toBe('succeeded');
    expect(await outbox(off.id)).toEqual([]);
    expect((await notification(off.id)).email_sent_at).toBeNull();
    expect(receiver.received('prefs')).toHaveLength(1);
    expect(await outbox(on.id)).toHaveLength(1);
  });

  it('retries a webhook answered with 500, then delivers, without sending the email twice', async () => {
    const user = await insertUser(testDb.db);
    const endpoint = await createEndpoint(testDb.db, harness.deps.keyring, {
      userId: user.id,
      url: receiver.url('flaky'),
      events: ['deployment.succeeded'],
    });
    receiver.respond('flaky', 500);
    const { id, result } = await notifyAndDeliver(user.id, 'deployment.succeeded');
    expect(result).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(String(result.errors[0])).toContain('HTTP 500');

    const requests = receiver.received('flaky');
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body).toBe(requests[0]?.body); // same event, receivers can dedupe by id
    expect(
      verifySignature(
        requests[1]?.headers['roundhouse-signature'] as string,
        requests[1]?.body ?? '',
        endpoint.secret,
      ),
    ).toBe(true);
    expect(await outbox(id)).toHaveLength(1);
    expect(await delivery(id, endpoint.id)).toMatchObject({ attempts: 2, response_status: 200 });
    expect((await delivery(id, endpoint.id))?.delivered_at).toBeInstanceOf(Date);
    expect(await endpointRow(endpoint.id)).toMatchObject({ failure_count: 0 });
  });

  it('re-sends only to the endpoint that failed and books its failures', async () => {
    const user = await insertUser(testDb.db);
    const good = await createEndpoint(testDb.db, harness.deps.keyring, {
      userId: user.id,
      url: receiver.url('good'),
      events: ['instance.degraded'],
    });
    const bad = await createEndpoint(testDb.db, harness.deps.keyring, {
      userId: user.id,
      url: receiver.url('bad'),
      events: ['instance.degraded'],
    });
    await createEndpoint(testDb.db, harness.deps.keyring, {
      userId: user.id,
      url: receiver.url('unsubscribed'),
      events: ['instance.running'],
    });
    const disabled = await createEndpoint(testDb.db, harness.deps.keyring, {
      userId: user.id,
      url: receiver.url('disabled'),
      events: ['instance.degraded'],
    });
    await db()
      .updateTable('webhook_endpoints')
      .set({ enabled: false })
      .where('id', '=', disabled.id)
      .execute();
    receiver.respond('bad', ...Array<number>(NOTIFICATION_DELIVERY_ATTEMPTS).fill(503));

    const { id, result } = await notifyAndDeliver(user.id, 'instance.degraded');
    expect(result).toMatchObject({ status: 'failed', attempts: NOTIFICATION_DELIVERY_ATTEMPTS });
    expect(receiver.received('good')).toHaveLength(1);
    expect(receiver.received('bad')).toHaveLength(NOTIFICATION_DELIVERY_ATTEMPTS);
    expect(receiver.received('unsubscribed')).toEqual([]);
    expect(receiver.received('disabled')).toEqual([]);
    expect(await outbox(id)).toHaveLength(1);
    expect(await delivery(id, bad.id)).toMatchObject({
      delivered_at: null,
      last_error: 'HTTP 503',
      attempts: NOTIFICATION_DELIVERY_ATTEMPTS,
      response_status: 503,
    });
    expect(await endpointRow(bad.id)).toMatchObject({
      failure_count: NOTIFICATION_DELIVERY_ATTEMPTS,
    });
    expect(await endpointRow(good.id)).toMatchObject({ failure_count: 0 });
    expect((await notification(id)).webhook_sent_at).toBeNull();
  });

  it('does nothing for a notification that no longer exists', async () => {
    const result = await harness.runJob('send_notification', {
      notificationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(result.status).toBe('succeeded');
  });
});

describe('notifyAdmins', () => {
  it('writes one notification per admin and none for other users', async () => {
    const [admin1, admin2, plain] = await Promise.all([
      insertUser(testDb.db),
      insertUser(testDb.db),
      insertUser(testDb.db),
    ]);
    await db()
      .updateTable('user')
      .set({ role: 'admin' })
      .where('id', 'in', [admin1.id, admin2.id])
      .execute();
    const ids = await testDb.db
      .transaction()
      .execute((trx) =>
        notifyAdmins(trx, { type: 'instance.failed', title: 'Clone failed', body: 'Check it.' }),
      );
    const rows = await db()
      .selectFrom('notifications')
      .select('user_id')
      .where('id', 'in', ids)
      .execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual([admin1.id, admin2.id].sort());
    expect(rows.map((r) => r.user_id)).not.toContain(plain.id);
  });
});

describe('send_webhook_test', () => {
  it('posts a signed webhook.test event and books the outcome on the endpoint', async () => {
    const user = await insertUser(testDb.db);
    const endpoint = await createEndpoint(testDb.db, harness.deps.keyring, {
      userId: user.id,
      url: receiver.url('tested'),
      events: ['instance.running'],
    });
    const ok = await harness.runJob('send_webhook_test', { endpointId: endpoint.id });
    expect(ok.status).toBe('succeeded');
    const [request] = receiver.received('tested');
    expect(JSON.parse(request?.body ?? '')).toMatchObject({ type: 'webhook.test' });
    expect(
      verifySignature(
        request?.headers['roundhouse-signature'] as string,
        request?.body ?? '',
        endpoint.secret,
      ),
    ).toBe(true);
    expect((await endpointRow(endpoint.id)).last_delivery_at).toBeInstanceOf(Date);

    receiver.respond('tested', 404);
    const failed = await harness.runJob(
      'send_webhook_test',
      { endpointId: endpoint.id },
      { maxAttempts: 1 },
    );
    expect(failed.status).toBe('failed');
    expect(String(failed.errors[0])).toContain('HTTP 404');
    expect(await endpointRow(endpoint.id)).toMatchObject({ failure_count: 1 });
  });
});
