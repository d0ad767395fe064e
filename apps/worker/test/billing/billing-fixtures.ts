import type { Db, Subscription } from '@roundhouse/db';
import { settleNotification } from '@roundhouse/db/repositories/payments';
import { type PaymentAdapters, sandboxAlipayNotification } from '@roundhouse/payments';
import { sql } from 'kysely';

/** Seeds and reads for the billing tests (reconcile_orders, advance_subscriptions). */

const DAY_MS = 86_400_000;
export const days = (n: number) => n * DAY_MS;
export const minutes = (n: number) => n * 60_000;

/** Moves an order's creation (and checkout expiry) into the past, as if it was opened earlier. */
export async function ageOrder(db: Db, orderId: string, ageMs: number): Promise<void> {
  await sql`update orders set created_at = created_at - ${ageMs} * interval '1 millisecond',
    expires_at = expires_at - ${ageMs} * interval '1 millisecond' where id = ${orderId}`.execute(
    db,
  );
}

/** An ACTIVE paid period ending at `periodEnd`. */
export async function setPeriod(
  db: Db,
  subscriptionId: string,
  values: Partial<
    Pick<
      Subscription,
      'status' | 'current_period_end' | 'cancel_at_period_end' | 'status_changed_at'
    >
  >,
): Promise<Subscription> {
  return db
    .updateTable('subscriptions')
    .set({
      current_period_start:
        values.current_period_end && new Date(values.current_period_end.getTime() - days(30)),
      ...values,
    })
    .where('id', '=', subscriptionId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The job keys of graphile-worker's jobs of `task` (pending or running). */
export async function jobKeysOf(db: Db, task: string): Promise<(string | null)[]> {
  const { rows } = await sql<{ key: string | null }>`
    select key from graphile_worker.jobs where task_identifier = ${task}
  `.execute(db);
  return rows.map((row) => row.key);
}

export async function notificationTypes(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('notifications')
    .select('type')
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => row.type);
}

export async function auditActions(db: Db, subscriptionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('action')
    .where('target_id', '=', subscriptionId)
    .orderBy('at')
    .execute();
  return rows.map((row) => row.action);
}

/**
 * The buyer pays `order` (with the provider's `tradeNo`, if given): a signed sandbox
 * notification, verified by the real adapter and settled like the webhook does.
 */
export async function payBySandbox(
  db: Db,
  adapters: PaymentAdapters,
  order: { out_trade_no: string; amount_minor: number },
  tradeNo?: string,
) {
  const keys = adapters.sandboxKeys!;
  const adapter = adapters.byProvider.ALIPAY!;
  const notification = await adapter.verifyNotification({
    headers: {},
    rawBody: sandboxAlipayNotification(
      keys,
      { outTradeNo: order.out_trade_no, amountMinor: order.amount_minor, tradeNo },
      keys.alipayPrivateKey,
    ),
    contentType: 'application/x-www-form-urlencoded; charset=utf-8',
  });
  return settleNotification(db, {
    provider: adapter.provider,
    notification,
    rawBodyRedacted: '',
    headers: {},
    template: { projectId: 'template', serviceId: null },
  });
}

/** Reads billing rows back by id (`db` is the suite's accessor, valid once it started). */
export function rowReaders(db: () => Db) {
  return {
    orderRow: (id: string) =>
      db().selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    subscriptionRow: (id: string) =>
      db().selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    refundRow: (id: string) =>
      db().selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    instanceRow: (id: string) =>
      db().selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  };
}
