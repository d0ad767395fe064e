import type { Db, Order } from '@roundhouse/db';
import { sandboxAlipayNotification, type SandboxKeys } from '@roundhouse/payments';
import { sql } from 'kysely';
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
