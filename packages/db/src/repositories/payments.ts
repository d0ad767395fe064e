import { randomUUID } from 'node:crypto';
import {
  type Currency,
  orderStatusMachine,
  type PaymentEventOutcome,
  type PaymentProvider,
  subscriptionStatusMachine,
} from '@roundhouse/core';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../client';
import type { Order } from '../schema/billing';
import type { Database } from '../schema/database';
import { issueInvoice } from './invoices';
import {
  cancelProviderSubscription,
  linkProviderSubscription,
  recordProviderRenewal,
  type SubscriptionEventSettlement,
} from './provider-subscriptions';
import { type InstanceTemplate, lockSubscription, provisionSubscription } from './provisioning';
import { provisionReplacement } from './replacement-subscription';
import { addPeriod, renewSubscription } from './subscription-lifecycle';

/**
 * Settlement: what a payment notification does to our books (DESIGN §3). The provider adapter
 * has already verified it; here, in ONE transaction, the event is recorded under its unique
 * key, the order is locked and checked, and the order is paid and provisioned (or renewed).
 * Every notification leaves a payment_events row except exact redeliveries (same key), whose
 * first delivery's row already says what happened.
 */

/**
 * A verified notification, provider-neutral (see @roundhouse/payments ProviderNotification):
 * a payment for one of our orders, or a provider's subscription event (Stripe).
 */
export type SettlementNotification = PaymentSettlement | SubscriptionEventSettlement;

/** The 'payment' variant (see @roundhouse/payments VerifiedNotification). */
export interface PaymentSettlement {
  kind?: 'payment';
  eventKey: string;
  outTradeNo: string;
  providerTxnId: string;
  amountMinor: number;
  currency: Currency;
  paid: boolean;
  paidAt: Date | null;
  /** The provider's subscription this payment started (Stripe): linked to ours. */
  providerSubscriptionId?: string;
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
    const event = await recordEvent(trx, input);
    if (!event) return { outcome: 'DUPLICATE', eventId: null, orderId: null };

    const { order, decision, credited } = await settleVerified(trx, input, event.order);
    await trx
      .updateTable('payment_events')
      .set({
        outcome: decision.outcome,
        error: decision.detail ?? null,
        order_id: order?.id ?? null,
      })
      .where('id', '=', event.eventId)
      .execute();
    if (credited && order) await issueInvoice(trx, order.id);
    return { ...decision, eventId: event.eventId, orderId: order?.id ?? null };
  });
}

type LockedOrder = Order & { now: Date };

/**
 * Records the event under its unique (provider, event_key), the idempotency lock: a concurrent
 * delivery of the same event waits here until the first commits, then records nothing
 * (undefined). A payment's order (by out_trade_no) is row-locked by the same statement, after the
 * insert: one round trip, and a redelivery never touches the order.
 */
async function recordEvent(
  trx: Transaction<Database>,
  input: SettlementInput,
): Promise<{ eventId: string; order?: LockedOrder } | undefined> {
  const insert = trx
    .insertInto('payment_events')
    .values({
      provider: input.provider,
      event_key: input.notification.eventKey,
      verified: true,
      raw_body: input.rawBodyRedacted,
      headers: input.headers,
    })
    .onConflict((oc) => oc.columns(['provider', 'event_key']).doNothing())
    .returning('id');
  const { notification } = input;
  if (notification.kind !== undefined && notification.kind !== 'payment') {
    const row = await insert.executeTakeFirst();
    return row && { eventId: row.id };
  }
  const row = await trx
    .with('event', () => insert)
    .selectFrom('event')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('orders')
          .selectAll()
          .select(sql<Date>`now()`.as('now'))
          .where('out_trade_no', '=', notification.outTradeNo)
          .forUpdate()
          .as('o'),
      (join) => join.onTrue(),
    )
    .selectAll('o')
    .select('event.id as event_id')
    .executeTakeFirst();
  if (!row) return undefined;
  const { event_id: eventId, ...order } = row;
  return { eventId, ...(order.id !== null && { order: order as LockedOrder }) };
}

/**
 * What a notification does to its order (or to its subscription), given the payment's order
 * as recordEvent locked it; `credited`: the order was paid now and bought its period, so it is
 * owed its invoice.
 */
async function settleVerified(
  trx: Transaction<Database>,
  input: SettlementInput,
  paymentOrder: LockedOrder | undefined,
): Promise<{ order: Order | undefined; decision: Decision; credited: boolean }> {
  const { notification } = input;
  switch (notification.kind) {
    case 'ignored':
      return {
        order: undefined,
        decision: { outcome: 'IGNORED', detail: notification.reason },
        credited: false,
      };
    case 'cancellation':
      return {
        order: undefined,
        decision: await cancelProviderSubscription(trx, input.provider, notification),
        credited: false,
      };
    case 'renewal': {
      const { order, decision } = await recordProviderRenewal(trx, input.provider, notification);
      if (order) await creditPaidOrder(trx, order, input.template);
      return { order, decision, credited: order !== undefined };
    }
    default: {
      const decision = paymentOrder
        ? await decide(trx, paymentOrder, input, notification)
        : { outcome: 'REJECTED' as const, detail: 'Unknown out_trade_no' };
      return { order: paymentOrder, decision, credited: decision.outcome === 'APPLIED' };
    }
  }
}

async function decide(
  trx: Transaction<Database>,
  order: LockedOrder,
  input: SettlementInput,
  notification: PaymentSettlement,
): Promise<Decision> {
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
  const credit = await creditPaidOrder(trx, order, input.template);
  if (notification.providerSubscriptionId) {
    await linkProviderSubscription(trx, credit.subscriptionId, notification.providerSubscriptionId);
  }
  return { outcome: 'APPLIED', ...(credit.detail && { detail: credit.detail }) };
}

/**
 * What a paid order buys, whoever marked it paid (a notification for our order, or a renewal
 * the provider made by itself): the first period (provisioning) or one more. A NEW order
 * provisions only a subscription still awaiting its first payment; if it was activated
 * meanwhile (the replaced, closed order of the same checkout was paid too), this payment
 * extends, never restarts, the paid one. A subscription that can no longer become ACTIVE
 * (CANCELED, EXPIRED) gets a fresh one instead (replacement-subscription.ts): the money was
 * taken, and throwing would make the provider redeliver for a day. Its invoice comes after
 * (settleNotification issues it last). Returns the subscription credited.
 */
async function creditPaidOrder(
  trx: Transaction<Database>,
  order: LockedOrder,
  template: InstanceTemplate,
): Promise<{ subscriptionId: string; detail?: string }> {
  if (!order.subscription_id) throw new Error(`Order ${order.id} has no subscription`);
  const locked = await lockSubscription(trx, order.subscription_id);
  if (!locked) throw new Error(`Order ${order.id}'s subscription is gone`);
  if (order.kind === 'NEW' && locked.status === 'PENDING') {
    await provisionSubscription(trx, {
      subscriptionId: locked.id,
      locked,
      periodStart: order.now,
      periodEnd: addPeriod(order.now),
      template,
    });
  } else if (subscriptionStatusMachine.canTransition(locked.status, 'ACTIVE')) {
    await renewSubscription(trx, locked);
  } else {
    const { subscription } = await provisionReplacement(trx, {
      order,
      replacedStatus: locked.status,
      now: order.now,
      template,
    });
    return {
      subscriptionId: subscription.id,
      detail: `Subscription ${order.subscription_id} was ${locked.status}: provisioned ${subscription.id} instead`,
    };
  }
  return { subscriptionId: order.subscription_id };
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
