import type { Db, Order } from '@roundhouse/db';
import { sandboxAlipayNotification, type SandboxKeys } from '@roundhouse/payments';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { TestApi } from './harness';

export const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

/** The sandbox keys the test API verifies with (tests run in sandbox mode). */
export function sandboxKeysOf(api: TestApi): SandboxKeys {
  const keys = api.server.services.payments.sandboxKeys;
  if (!keys) throw new Error('The test API is not in sandbox mode');
  return keys;
}

/** A signed Alipay-format notification paying `order` in full (overrides tamper with it). */
export function paidNotification(
  api: TestApi,
  order: Pick<Order, 'out_trade_no' | 'amount_minor'>,
  overrides: Record<string, string> = {},
  privateKey = sandboxKeysOf(api).alipayPrivateKey,
): string {
  return sandboxAlipayNotification(
    sandboxKeysOf(api),
    { outTradeNo: order.out_trade_no, amountMinor: order.amount_minor },
    privateKey,
    overrides,
  );
}

export async function postAlipay(
  api: TestApi,
  body: string,
  contentType = FORM,
): Promise<{ status: number; body: string }> {
  const response = await api.fetch('/webhooks/alipay', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** Everything a notification could change: compared before and after refused ones. */
export async function paymentState(db: Db) {
  const [orders, subscriptions, instances, jobs] = await Promise.all([
    db.selectFrom('orders').selectAll().orderBy('id').execute(),
    db.selectFrom('subscriptions').selectAll().orderBy('id').execute(),
    db.selectFrom('instances').selectAll().orderBy('id').execute(),
    sql<{ task_identifier: string; key: string | null }>`
      select task_identifier, key from graphile_worker.jobs order by id`.execute(db),
  ]);
  return { orders, subscriptions, instances, jobs: jobs.rows };
}

export async function latestEvent(db: Db) {
  return db
    .selectFrom('payment_events')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
}

export async function cloneJobsFor(db: Db, instanceId: string): Promise<number> {
  const result = await sql<{ n: string }>`
    select count(*) as n from graphile_worker.jobs
    where task_identifier = 'clone_instance' and key = ${`clone:${instanceId}`}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** A new customer's order for the BASIC plan through `provider`, as its row. */
export async function openOrderRow(api: TestApi, provider: 'ALIPAY' | 'WECHATPAY'): Promise<Order> {
  const { cookie } = await api.signUp();
  const { order } = await api
    .cookieClient(cookie)
    .orders.create.mutate({ plan: 'BASIC', provider, currency: 'CNY' });
  return api.db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', order.id)
    .executeTakeFirstOrThrow();
}

/** How many notifications have been recorded (refused ones included). */
export async function paymentEventCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('payment_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * What a paid notification must leave, however many times it arrived: the order PAID with the
 * provider's transaction id, an ACTIVE 30-day subscription, one provisioning instance and one
 * clone job. Returns the order's recorded events for the caller's own checks.
 */
export async function expectPaidOnce(db: Db, order: Order, providerTxnId: string) {
  const paid = await db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', order.id)
    .executeTakeFirstOrThrow();
  expect(paid).toMatchObject({ status: 'PAID', provider_txn_id: providerTxnId });
  const subscription = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where('id', '=', order.subscription_id!)
    .executeTakeFirstOrThrow();
  expect(subscription.status).toBe('ACTIVE');
  const days =
    (subscription.current_period_end!.getTime() - subscription.current_period_start!.getTime()) /
    86_400_000;
  expect(days).toBe(30);
  const instances = await db
    .selectFrom('instances')
    .selectAll()
    .where('subscription_id', '=', subscription.id)
    .execute();
  expect(instances).toHaveLength(1);
  expect(instances[0]!.status).toBe('PROVISIONING');
  expect(await cloneJobsFor(db, instances[0]!.id)).toBe(1);
  return db
    .selectFrom('payment_events')
    .select(['outcome', 'event_key'])
    .where('order_id', '=', order.id)
    .execute();
}

/** The buyer's view of a paid order: ACTIVE, an instance provisioning with one clone job. */
export async function expectPaidStatus(
  api: TestApi,
  client: ReturnType<TestApi['cookieClient']>,
  orderId: string,
) {
  const status = await client.payments.status.query({ orderId });
  expect(status).toMatchObject({
    status: 'PAID',
    paid: true,
    subscription: { status: 'ACTIVE' },
    instance: { status: 'PROVISIONING' },
  });
  expect(await cloneJobsFor(api.db, status.instance!.id)).toBe(1);
  return status;
}

/**
 * Runs `deliver` (a notification to refuse or ignore) and checks that it changed nothing a
 * notification could change, yet was recorded as one more payment event matching `event`.
 * Returns what `deliver` returned, for the caller's checks of the answer.
 */
export async function expectRecordedOnly<T>(
  db: Db,
  deliver: () => Promise<T>,
  event: Record<string, unknown>,
): Promise<T> {
  const before = await paymentState(db);
  const events = await paymentEventCount(db);
  const result = await deliver();
  expect(await paymentState(db)).toEqual(before);
  expect(await paymentEventCount(db)).toBe(events + 1);
  expect(await latestEvent(db)).toMatchObject(event);
  return result;
}
