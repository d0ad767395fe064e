import { randomUUID } from 'node:crypto';
import {
  BILLING_PERIOD,
  type Currency,
  jobKeys,
  orderStatusMachine,
  type PaymentEventOutcome,
  type PaymentProvider,
  subscriptionStatusMachine,
} from '@roundhouse/core';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../client';
import { enqueue } from '../enqueue';
import type { Order } from '../schema/billing';
import type { Database } from '../schema/database';
import { type InstanceTemplate, provisionSubscription } from './provisioning';

/**
 * Settlement: what a payment notification does to our books (DESIGN §3). The provider adapter
 * has already verified it; here, in ONE transaction, the event is recorded under its unique
 * key, the order is locked and checked, and the order is paid and provisioned (or renewed).
 * Every notification leaves a payment_events row except exact redeliveries (same key), whose
 * first delivery's row already says what happened.
 */

/** A verified notification, provider-neutral (see @roundhouse/payments VerifiedNotification). */
export interface SettlementNotification {
  eventKey: string;
  outTradeNo: string;
  providerTxnId: string;
  amountMinor: number;
  currency: Currency;
  paid: boolean;
  paidAt: Date | null;
}

export interface SettlementInput {
  provider: PaymentProvider;
  notification: SettlementNotification;
  /** Already redacted by the caller. */
  rawBodyRedacted: string;
  headers: Record<string, string>;
  template: InstanceTemplate;
}

export interface SettlementResult {
  outcome: PaymentEventOutcome;
  /** Null for a redelivery (its first delivery's row holds the outcome). */
  eventId: string | null;
  orderId: string | null;
  /** Why a notification was rejected or ignored. */
  detail?: string;
}

type Decision = { outcome: PaymentEventOutcome; detail?: string };

export async function settleNotification(
  db: Db,
  input: SettlementInput,
): Promise<SettlementResult> {
  return db.transaction().execute(async (trx) => {
    // The unique (provider, event_key) is the idempotency lock: a concurrent delivery of the
    // same event waits here until the first commits, then inserts nothing.
    const event = await trx
      .insertInto('payment_events')
      .values({
        provider: input.provider,
        event_key: input.notification.eventKey,
        verified: true,
        raw_body: input.rawBodyRedacted,
        headers: input.headers,
      })
      .onConflict((oc) => oc.columns(['provider', 'event_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!event) return { outcome: 'DUPLICATE', eventId: null, orderId: null };

    const order = await trx
      .selectFrom('orders')
      .selectAll()
      .select(sql<Date>`now()`.as('now'))
      .where('out_trade_no', '=', input.notification.outTradeNo)
      .forUpdate()
      .executeTakeFirst();
    const decision = order
      ? await decide(trx, order, input)
      : { outcome: 'REJECTED' as const, detail: 'Unknown out_trade_no' };
    await trx
      .updateTable('payment_events')
      .set({
        outcome: decision.outcome,
        error: decision.detail ?? null,
        order_id: order?.id ?? null,
      })
      .where('id', '=', event.id)
      .execute();
    return { ...decision, eventId: event.id, orderId: order?.id ?? null };
  });
}

async function decide(
  trx: Transaction<Database>,
  order: Order & { now: Date },
  input: SettlementInput,
): Promise<Decision> {
  const { notification } = input;
  if (order.provider !== input.provider) {
    return { outcome: 'REJECTED', detail: `The order was placed with ${order.provider}` };
  }
  if (notification.amountMinor !== order.amount_minor || notification.currency !== order.currency) {
    return {
      outcome: 'REJECTED',
      detail: `Amount ${notification.amountMinor} ${notification.currency} does not match the order's ${order.amount_minor} ${order.currency}`,
    };
  }
  if (!notification.paid) return { outcome: 'IGNORED', detail: 'Not a payment' };
  if (order.status === 'PAID' || order.status === 'PARTIALLY_REFUNDED') {
    return order.provider_txn_id === notification.providerTxnId
      ? { outcome: 'DUPLICATE' }
      : { outcome: 'REJECTED', detail: 'The order was already paid by another transaction' };
  }
  if (order.status === 'REFUNDED') return { outcome: 'IGNORED', detail: 'The order was refunded' };

  // CREATED, or CLOSED (expired) but the money was taken: honour it.
  orderStatusMachine.assertTransition(order.status, 'PAID');
  await trx
    .updateTable('orders')
    .set({
      status: 'PAID',
      provider_txn_id: notification.providerTxnId,
      paid_at: notification.paidAt ?? order.now,
    })
    .where('id', '=', order.id)
    .execute();
  if (!order.subscription_id) throw new Error(`Order ${order.id} has no subscription`);
  if (order.kind === 'NEW' && (await isPending(trx, order.subscription_id))) {
    await provisionSubscription(trx, {
      subscriptionId: order.subscription_id,
      periodStart: order.now,
      periodEnd: addPeriod(order.now),
      template: input.template,
    });
  } else {
    await renewSubscription(trx, order.subscription_id, order.now);
  }
  return { outcome: 'APPLIED' };
}

/**
 * A NEW order provisions only a subscription still awaiting its first payment. If it was
 * activated meanwhile (the replaced, closed order of the same checkout was paid too), this
 * payment buys another period: it extends, never restarts, the paid one.
 */
async function isPending(trx: Transaction<Database>, subscriptionId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('subscriptions')
    .select('status')
    .where('id', '=', subscriptionId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return row.status === 'PENDING';
}

/**
 * A paid renewal: the period moves on by one billing period from its end (or from now when it
 * already lapsed), the subscription is ACTIVE again, and a SUSPENDED instance is resumed.
 */
async function renewSubscription(
  trx: Transaction<Database>,
  subscriptionId: string,
  now: Date,
): Promise<void> {
  const subscription = await trx
    .selectFrom('subscriptions')
    .select(['status', 'current_period_end'])
    .where('id', '=', subscriptionId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  subscriptionStatusMachine.assertTransition(subscription.status, 'ACTIVE');
  const end = subscription.current_period_end;
  const start = end && end.getTime() > now.getTime() ? end : now;
  await trx
    .updateTable('subscriptions')
    .set({
      status: 'ACTIVE',
      current_period_end: addPeriod(start),
      ...(subscription.status === 'ACTIVE'
        ? {}
        : { current_period_start: start, status_changed_at: now }),
    })
    .where('id', '=', subscriptionId)
    .execute();
  const suspended = await trx
    .selectFrom('instances')
    .select('id')
    .where('subscription_id', '=', subscriptionId)
    .where('status', '=', 'SUSPENDED')
    .execute();
  for (const instance of suspended) {
    await enqueue(
      trx,
      'resume_instance',
      { instanceId: instance.id },
      { jobKey: jobKeys.instance('resume', instance.id) },
    );
  }
}

function addPeriod(from: Date): Date {
  return new Date(from.getTime() + BILLING_PERIOD.days * 86_400_000);
}

/**
 * A notification we refused before settlement (bad signature, malformed, another merchant's)
 * or that settlement could not process (ERROR). Recorded under a key of its own: a forged
 * notification must never take the key of the real one and make it look like a redelivery.
 */
export async function recordUnsettledEvent(
  db: Db,
  input: {
    provider: PaymentProvider;
    verified: boolean;
    outcome: Extract<PaymentEventOutcome, 'REJECTED' | 'ERROR'>;
    error: string;
    rawBodyRedacted: string;
    headers: Record<string, string>;
  },
): Promise<string> {
  const row = await db
    .insertInto('payment_events')
    .values({
      provider: input.provider,
      event_key: `${input.outcome.toLowerCase()}:${randomUUID()}`,
      verified: input.verified,
      outcome: input.outcome,
      error: input.error.slice(0, 1000),
      raw_body: input.rawBodyRedacted,
      headers: input.headers,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
