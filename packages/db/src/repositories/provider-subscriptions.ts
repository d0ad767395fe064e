import { randomUUID } from 'node:crypto';
import type { Currency, PaymentEventOutcome, PaymentProvider } from '@roundhouse/core';
import { sql, type Transaction } from 'kysely';
import type { Order, Subscription } from '../schema/billing';
import type { Database } from '../schema/database';
import { setCancelAtPeriodEnd } from './subscriptions';

/**
 * Subscriptions a provider renews by itself (Stripe): its renewals and its cancellations, as
 * settlement (payments.ts) applies them inside the notification's one transaction. Our
 * subscription is found by the provider's subscription id (subscriptions.stripe_subscription_id,
 * linked when its first checkout settles), or else by the order that started it.
 */

/** The provider renewed (Stripe invoice.paid for a cycle). */
export interface RenewalSettlement {
  kind: 'renewal';
  eventKey: string;
  providerSubscriptionId: string;
  originOutTradeNo: string | null;
  providerTxnId: string;
  amountMinor: number;
  currency: Currency;
  paidAt: Date | null;
}

/** The provider's subscription ended (Stripe customer.subscription.deleted). */
export interface CancellationSettlement {
  kind: 'cancellation';
  eventKey: string;
  providerSubscriptionId: string;
}

/** Authentic, but nothing to do: recorded as IGNORED. */
export interface IgnoredSettlement {
  kind: 'ignored';
  eventKey: string;
  reason: string;
}

export type SubscriptionEventSettlement =
  RenewalSettlement | CancellationSettlement | IgnoredSettlement;

export interface SettlementDecision {
  outcome: PaymentEventOutcome;
  detail?: string;
}

type Trx = Transaction<Database>;

/** Where a renewal could extend a period from; anything else needs a person, not a webhook. */
const RENEWABLE = ['ACTIVE', 'PAST_DUE', 'SUSPENDED'];

/**
 * Records a provider's renewal as a PAID RENEWAL order of our subscription, after checking it
 * is ours, not already recorded (the invoice id is the order's provider_txn_id), and charges
 * what the subscription was sold at. The caller then credits the order like any paid order.
 */
export async function recordProviderRenewal(
  trx: Trx,
  provider: PaymentProvider,
  renewal: RenewalSettlement,
): Promise<{ decision: SettlementDecision; order?: Order & { now: Date } }> {
  const now = (await sql<{ now: Date }>`select now() as now`.execute(trx)).rows[0]!.now;
  const subscription = await providerSubscription(trx, provider, renewal);
  if (!subscription) return rejected('Unknown provider subscription');
  const recorded = await trx
    .selectFrom('orders')
    .select('id')
    .where('provider', '=', provider)
    .where('provider_txn_id', '=', renewal.providerTxnId)
    .executeTakeFirst();
  if (recorded) return { decision: { outcome: 'DUPLICATE' } };
  const sold = await trx
    .selectFrom('orders')
    .select(['amount_minor', 'currency'])
    .where('subscription_id', '=', subscription.id)
    .where('provider', '=', provider)
    .where('kind', '=', 'NEW')
    .where('paid_at', 'is not', null)
    .orderBy('paid_at', 'desc')
    .executeTakeFirst();
  if (!sold) return rejected('No paid order of this provider started the subscription');
  if (sold.amount_minor !== renewal.amountMinor || sold.currency !== renewal.currency) {
    return rejected(
      `Renewal of ${renewal.amountMinor} ${renewal.currency} does not match the subscription's ${sold.amount_minor} ${sold.currency}`,
    );
  }
  if (!RENEWABLE.includes(subscription.status)) {
    return rejected(`The subscription is ${subscription.status}: it cannot be renewed`);
  }
  const order = await trx
    .insertInto('orders')
    .values({
      user_id: subscription.user_id,
      subscription_id: subscription.id,
      plan: subscription.plan,
      plan_version: subscription.plan_version,
      kind: 'RENEWAL',
      provider,
      out_trade_no: `RH${randomUUID().replaceAll('-', '').slice(0, 30)}`,
      amount_minor: renewal.amountMinor,
      currency: renewal.currency,
      // Born paid: the provider took the money before telling us.
      status: 'PAID',
      provider_txn_id: renewal.providerTxnId,
      paid_at: renewal.paidAt ?? now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { decision: { outcome: 'APPLIED' }, order: { ...order, now } };
}

/**
 * The provider will not renew any more: our subscription runs to the end of its paid period
 * and is then canceled by the lifecycle cron (cancel_at_period_end, audited as the provider).
 */
export async function cancelProviderSubscription(
  trx: Trx,
  provider: PaymentProvider,
  cancellation: CancellationSettlement,
): Promise<SettlementDecision> {
  const subscription = await providerSubscription(trx, provider, cancellation);
  if (!subscription) return { outcome: 'REJECTED', detail: 'Unknown provider subscription' };
  if (subscription.status !== 'ACTIVE' && subscription.status !== 'PAST_DUE') {
    return { outcome: 'IGNORED', detail: `The subscription is already ${subscription.status}` };
  }
  if (subscription.cancel_at_period_end) {
    return { outcome: 'IGNORED', detail: 'Already set to cancel at the end of its period' };
  }
  await setCancelAtPeriodEnd(trx, {
    userId: subscription.user_id,
    subscriptionId: subscription.id,
    cancel: true,
    by: { actorType: 'SYSTEM', actorId: provider.toLowerCase(), ip: null },
  });
  return { outcome: 'APPLIED' };
}

/** Links our subscription to the provider's when its first checkout settles. */
export async function linkProviderSubscription(
  trx: Trx,
  subscriptionId: string,
  providerSubscriptionId: string,
): Promise<void> {
  await trx
    .updateTable('subscriptions')
    .set({ stripe_subscription_id: providerSubscriptionId })
    .where('id', '=', subscriptionId)
    .where('stripe_subscription_id', 'is', null)
    .execute();
}

/** Our subscription behind the provider's, locked; linked on the way when found by origin. */
async function providerSubscription(
  trx: Trx,
  provider: PaymentProvider,
  event: { providerSubscriptionId: string; originOutTradeNo?: string | null },
): Promise<Subscription | undefined> {
  const linked = await trx
    .selectFrom('subscriptions')
    .selectAll()
    .where('stripe_subscription_id', '=', event.providerSubscriptionId)
    .forUpdate()
    .executeTakeFirst();
  if (linked || !event.originOutTradeNo) return linked;
  // The first checkout was settled without the provider's id (e.g. by reconciliation).
  const origin = await trx
    .selectFrom('orders')
    .select('subscription_id')
    .where('out_trade_no', '=', event.originOutTradeNo)
    .where('provider', '=', provider)
    .where('kind', '=', 'NEW')
    .executeTakeFirst();
  if (!origin?.subscription_id) return undefined;
  const found = await trx
    .selectFrom('subscriptions')
    .selectAll()
    .where('id', '=', origin.subscription_id)
    .forUpdate()
    .executeTakeFirst();
  const other = found?.stripe_subscription_id ?? event.providerSubscriptionId;
  if (!found || other !== event.providerSubscriptionId) return undefined;
  await linkProviderSubscription(trx, found.id, event.providerSubscriptionId);
  return { ...found, stripe_subscription_id: event.providerSubscriptionId };
}

function rejected(detail: string): { decision: SettlementDecision } {
  return { decision: { outcome: 'REJECTED', detail } };
}
