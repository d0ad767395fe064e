import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';

/**
 * Stripe webhook deliveries for tests and benchmarks, signed the way Stripe signs them
 * (`generateTestHeaderString`: HMAC-SHA256 over `${timestamp}.${body}`). The objects carry the
 * fields our verification reads, in the shapes of Stripe's API reference.
 */

export interface SignedStripeEvent {
  body: string;
  signature: string;
}

export interface StripeTestEvent {
  id: string;
  type: string;
  object: Record<string, unknown>;
}

/** Signs `event` with `secret` at `timestamp` (seconds; default now). */
export function signStripeEvent(
  secret: string,
  event: StripeTestEvent,
  timestamp = Math.floor(Date.now() / 1000),
): SignedStripeEvent {
  const body = JSON.stringify({
    id: event.id,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: timestamp,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: event.type,
    data: { object: event.object },
  });
  return { body, signature: signStripeBody(secret, body, timestamp) };
}

/** The Stripe-Signature header for an exact body (tamper with the body after signing). */
export function signStripeBody(secret: string, body: string, timestamp: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
}

export const stripeEventId = () => `evt_${randomUUID().replaceAll('-', '')}`;

export interface TestCheckout {
  outTradeNo: string;
  amountMinor: number;
  /** ISO, e.g. 'USD'; sent lower case like Stripe. */
  currency: string;
  paymentStatus?: 'paid' | 'unpaid' | 'no_payment_required';
  /** Set for a subscription-mode session. */
  subscriptionId?: string;
  sessionId?: string;
  txnId?: string;
}

export function checkoutCompletedEvent(checkout: TestCheckout, id = stripeEventId()) {
  const subscription = checkout.subscriptionId ?? null;
  const txnId = checkout.txnId ?? (subscription ? 'in_' : 'pi_') + randomUUID().slice(0, 8);
  return {
    id,
    type: 'checkout.session.completed',
    object: {
      id: checkout.sessionId ?? `cs_test_${randomUUID().slice(0, 8)}`,
      object: 'checkout.session',
      mode: subscription ? 'subscription' : 'payment',
      client_reference_id: checkout.outTradeNo,
      metadata: { out_trade_no: checkout.outTradeNo },
      amount_total: checkout.amountMinor,
      currency: checkout.currency.toLowerCase(),
      payment_status: checkout.paymentStatus ?? 'paid',
      status: 'complete',
      payment_intent: subscription ? null : txnId,
      invoice: subscription ? txnId : null,
      subscription,
    },
  } satisfies StripeTestEvent;
}

export interface TestInvoice {
  subscriptionId: string;
  amountMinor: number;
  currency: string;
  billingReason?: string;
  invoiceId?: string;
  originOutTradeNo?: string;
}

export function invoicePaidEvent(invoice: TestInvoice, id = stripeEventId()) {
  const now = Math.floor(Date.now() / 1000);
  return {
    id,
    type: 'invoice.paid',
    object: {
      id: invoice.invoiceId ?? `in_${randomUUID().slice(0, 8)}`,
      object: 'invoice',
      billing_reason: invoice.billingReason ?? 'subscription_cycle',
      amount_paid: invoice.amountMinor,
      currency: invoice.currency.toLowerCase(),
      status: 'paid',
      status_transitions: { paid_at: now, finalized_at: now },
      parent: {
        type: 'subscription_details',
        subscription_details: {
          subscription: invoice.subscriptionId,
          metadata: invoice.originOutTradeNo ? { out_trade_no: invoice.originOutTradeNo } : {},
        },
      },
    },
  } satisfies StripeTestEvent;
}

export function subscriptionDeletedEvent(subscriptionId: string, id = stripeEventId()) {
  return {
    id,
    type: 'customer.subscription.deleted',
    object: { id: subscriptionId, object: 'subscription', status: 'canceled' },
  } satisfies StripeTestEvent;
}
