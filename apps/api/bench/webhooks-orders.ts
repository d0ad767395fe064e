import type { Db } from '@roundhouse/db';
import { sandboxAlipayNotification, type SandboxKeys } from '@roundhouse/payments';
import { sql } from 'kysely';
import type { Delivery } from './webhooks-client';

export interface BenchOrder {
  outTradeNo: string;
  amountMinor: number;
}

/**
 * `count` unpaid sandbox orders as checkout leaves them (fixture rows, set-based SQL): each
 * CREATED, NEW, for a PENDING subscription of its own, by a generated user of its own
 * (a user has one open order per plan).
 */
export async function seedOrders(db: Db, count: number): Promise<BenchOrder[]> {
  await db.connection().execute(async (conn) => {
    await sql`
      insert into "user" (id, name, email, "emailVerified")
      select 'wh-' || g, 'Webhook user ' || g, 'wh-' || g || '@example.test', true
      from generate_series(0, ${count - 1}::int) g
    `.execute(conn);
    await sql`
      with seeded as (
        insert into subscriptions (user_id, plan, plan_version, source)
        select 'wh-' || n, 'BASIC', 1, 'PAID'
        from generate_series(0, ${count - 1}::int) n
        returning id, user_id
      )
      insert into orders (user_id, subscription_id, plan, plan_version, kind, provider,
                          out_trade_no, amount_minor, currency, expires_at)
      select user_id, id, 'BASIC', 1, 'NEW', 'SANDBOX',
             'RHB' || replace(id::text, '-', ''), 9900, 'CNY', now() + interval '1 hour'
      from seeded
    `.execute(conn);
    await sql`vacuum analyze`.execute(conn);
  });
  const rows = await db
    .selectFrom('orders')
    .select(['out_trade_no', 'amount_minor'])
    .orderBy('out_trade_no')
    .execute();
  return rows.map((row) => ({ outTradeNo: row.out_trade_no, amountMinor: row.amount_minor }));
}

/** One Alipay TRADE_SUCCESS notification per order, signed with the sandbox's Alipay key. */
export function signNotifications(keys: SandboxKeys, orders: BenchOrder[]): string[] {
  return orders.map((order) =>
    sandboxAlipayNotification(
      keys,
      { outTradeNo: order.outTradeNo, amountMinor: order.amountMinor },
      keys.alipayPrivateKey,
    ),
  );
}

/**
 * The delivery queue: every notification once, plus redeliveries (byte-identical bodies) making
 * `duplicatesPct` % of all deliveries. Half of the redeliveries come right behind their original,
 * so with many connections draining the queue they are in flight together (Alipay retrying a
 * slow answer); the other half come at a random later point.
 */
export function deliverySchedule(bodies: string[], duplicatesPct: number): Delivery[] {
  const duplicates = Math.round((bodies.length * duplicatesPct) / (100 - duplicatesPct));
  const keyed = bodies.map((body, notification) => ({ key: notification, notification, body }));
  for (let i = 0; i < duplicates; i += 1) {
    const notification = Math.floor(Math.random() * bodies.length);
    const later = notification + Math.random() * (bodies.length - notification);
    keyed.push({
      key: i % 2 === 0 ? notification + 0.5 : later + 0.25,
      notification,
      body: bodies[notification]!,
    });
  }
  return keyed
    .sort((a, b) => a.key - b.key)
    .map(({ notification, body }) => ({ notification, body }));
}
