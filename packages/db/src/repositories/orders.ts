import { randomUUID } from 'node:crypto';
import {
  type Currency,
  getPlan,
  type PaymentProvider,
  type PlanId,
  priceOf,
  ResourceError,
} from '@roundhouse/core';
import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../client';
import type { Order } from '../schema/billing';
import { RENEWABLE } from './subscription-lifecycle';

/** How long a checkout stays payable; an expired open order is closed by the next `openOrder`. */
export const ORDER_TTL_MS = 30 * 60_000;

export interface OpenOrderResult {
  order: Order;
  /** True when the caller's still-valid open order was returned instead of a new one. */
  reused: boolean;
}

/**
 * Opens an order for a new subscription to `plan`, priced by core (never by the client). A user
 * has at most one open (CREATED) order per plan (a partial unique index says so):
 * - the open order is returned as it is when it has not expired and has the same provider and
 *   currency (a double click, a reloaded page);
 * - otherwise it is CLOSED and a new order replaces it, keeping its PENDING subscription. A
 *   payment that still arrives for the closed order is honoured (CLOSED → PAID).
 */
export async function openOrder(
  db: Db,
  input: {
    userId: string;
    plan: PlanId;
    provider: PaymentProvider;
    currency: Currency;
    /** Renew this subscription of the user's (a RENEWAL order) instead of buying a new one. */
    subscriptionId?: string;
  },
): Promise<OpenOrderResult> {
  const plan = getPlan(input.plan);
  const price = priceOf(plan.id, input.currency);
  return db.transaction().execute(async (trx) => {
    // Serialises concurrent "buy" clicks of one user and plan (no row exists yet to lock).
    await sql`select pg_advisory_xact_lock(hashtextextended(${`order:${input.userId}:${plan.id}`}, 0))`.execute(
      trx,
    );
    const now = (await sql<{ now: Date }>`select now() as now`.execute(trx)).rows[0]!.now;
    const renewing = input.subscriptionId
      ? await lockRenewable(trx, { ...input, subscriptionId: input.subscriptionId })
      : undefined;
    const open = await trx
      .selectFrom('orders')
      .selectAll()
      .where('user_id', '=', input.userId)
      .where('plan', '=', plan.id)
      .where('status', '=', 'CREATED')
      // Waits for a notification settling this order; a paid order is then no longer open.
      .forUpdate()
      .executeTakeFirst();
    if (
      open &&
      open.provider === input.provider &&
      open.subscription_id === (renewing ?? open.subscription_id) &&
      open.kind === (renewing ? 'RENEWAL' : 'NEW') &&
      open.currency === price.currency &&
      open.amount_minor === price.amountMinor &&
      open.expires_at !== null &&
      open.expires_at.getTime() > now.getTime()
    ) {
      return { order: open, reused: true };
    }
    if (open) {
      await trx
        .updateTable('orders')
        .set({ status: 'CLOSED', closed_at: now })
        .where('id', '=', open.id)
        .execute();
    }
    const subscriptionId =
      renewing ??
      (open && (await pendingSubscriptionOf(trx, open))) ??
      (
        await trx
          .insertInto('subscriptions')
          .values({
            user_id: input.userId,
            plan: plan.id,
            plan_version: plan.version,
            source: 'PAID',
            status: 'PENDING',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const order = await trx
      .insertInto('orders')
      .values({
        user_id: input.userId,
        subscription_id: subscriptionId,
        plan: plan.id,
        plan_version: plan.version,
        kind: renewing ? 'RENEWAL' : 'NEW',
        provider: input.provider,
        // Alipay and WeChat accept up to 32 letters and digits.
        out_trade_no: `RH${randomUUID().replaceAll('-', '').slice(0, 30)}`,
        amount_minor: price.amountMinor,
        currency: price.currency,
        expires_at: new Date(now.getTime() + ORDER_TTL_MS),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { order, reused: false };
  });
}

/**
 * The user's subscription to renew, locked (a concurrent lapse waits): it must be one that can
 * still be paid for, and the renewal buys its own plan.
 */
async function lockRenewable(
  trx: DbOrTrx,
  input: { userId: string; plan: PlanId; subscriptionId: string },
): Promise<string> {
  const subscription = await trx
    .selectFrom('subscriptions')
    .select(['id', 'plan', 'status'])
    .where('id', '=', input.subscriptionId)
    .where('user_id', '=', input.userId)
    .forUpdate()
    .executeTakeFirst();
  if (!subscription) {
    throw new ResourceError(`Subscription ${input.subscriptionId} not found`, {
      reason: 'NOT_FOUND',
    });
  }
  if (!RENEWABLE.includes(subscription.status)) {
    throw new ResourceError(
      `The subscription is ${subscription.status}; only ${RENEWABLE.join(', ')} subscriptions can be renewed`,
      { reason: 'ILLEGAL_TRANSITION', details: { status: subscription.status } },
    );
  }
  if (subscription.plan !== input.plan) {
    throw new ResourceError(
      `The subscription is on ${subscription.plan}; renew it with that plan`,
      {
        reason: 'INVALID',
      },
    );
  }
  return subscription.id;
}

async function pendingSubscriptionOf(trx: DbOrTrx, order: Order): Promise<string | undefined> {
  if (!order.subscription_id || order.kind !== 'NEW') return undefined;
  const row = await trx
    .selectFrom('subscriptions')
    .select('id')
    .where('id', '=', order.subscription_id)
    .where('status', '=', 'PENDING')
    .executeTakeFirst();
  return row?.id;
}

/** Stores what the cashier shows (pay URL or QR payload) on the order. */
export async function setOrderCheckout(
  db: DbOrTrx,
  orderId: string,
  checkout: Record<string, unknown>,
): Promise<Order> {
  return db
    .updateTable('orders')
    .set({ checkout })
    .where('id', '=', orderId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The user's orders, newest first (at most `limit`). */
export async function listOrders(db: DbOrTrx, userId: string, limit = 50): Promise<Order[]> {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Throws ResourceError NOT_FOUND unless the order is the user's. */
export async function getOrder(
  db: DbOrTrx,
  { userId, orderId }: { userId: string; orderId: string },
): Promise<Order> {
  const order = await db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', orderId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!order) throw new ResourceError(`Order ${orderId} not found`, { reason: 'NOT_FOUND' });
  return order;
}

/** Any user's order by id (the sandbox cashier, which acts as the provider); undefined if none. */
export async function findOrder(db: DbOrTrx, orderId: string): Promise<Order | undefined> {
  return db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
}
