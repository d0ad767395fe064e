import { ResourceError } from '@roundhouse/core';
import type Stripe from 'stripe';
import { z } from 'zod';
import type { Checkout, CheckoutOrder, QueriedOrder } from '../adapter';
import { stripeCall } from './stripe-errors';
import { sessionPayment } from './stripe-session';

export interface StripeCheckoutUrls {
  /** The web app page that waits for the payment: `/checkout/<orderId>` is appended. */
  webUrl: string;
}

/** Stripe refuses a Checkout Session that expires sooner than 30 minutes after creation. */
const MIN_SESSION_MS = 30 * 60_000 + 60_000;
const MAX_SESSION_MS = 24 * 3_600_000;

/**
 * A Checkout Session for our order, priced from the order row (price_data, never a Stripe
 * Price the dashboard could change). A NEW purchase is a `subscription` session with a recurring
 * price every `intervalDays` days (our billing period, so Stripe's cycle and ours agree): Stripe
 * renews by itself and tells us with invoice.paid. Everything else (our own RENEWAL orders) is a
 * one-off `payment` session. The session id is kept with the order (providerRef) for queries.
 */
export async function createStripeCheckout(
  stripe: Stripe,
  urls: StripeCheckoutUrls,
  order: CheckoutOrder,
): Promise<Checkout> {
  const metadata = { order_id: order.id, out_trade_no: order.outTradeNo };
  const now = Date.now();
  // Our order may close sooner than Stripe allows a session to; a payment that still arrives
  // for a closed order is honoured by settlement (CLOSED → PAID).
  const expiresAt = Math.min(
    Math.max(order.expiresAt.getTime(), now + MIN_SESSION_MS),
    now + MAX_SESSION_MS,
  );
  const session = await stripe.checkout.sessions.create(
    {
      mode: order.recurring ? 'subscription' : 'payment',
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: order.currency.toLowerCase(),
            unit_amount: order.amountMinor,
            product_data: { name: order.subject },
            ...(order.recurring
              ? { recurring: { interval: 'day', interval_count: order.recurring.intervalDays } }
              : {}),
          },
        },
      ],
      client_reference_id: order.outTradeNo,
      metadata,
      // Renewal invoices carry the subscription's metadata: the order that started it.
      ...(order.recurring
        ? { subscription_data: { metadata } }
        : { payment_intent_data: { metadata } }),
      success_url: `${urls.webUrl}/checkout/${order.id}`,
      cancel_url: `${urls.webUrl}/plans`,
      expires_at: Math.floor(expiresAt / 1000),
    },
    // A retried create (double click, network blip) returns the same session.
    { idempotencyKey: `checkout:${order.outTradeNo}` },
  );
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
  return { kind: 'redirect', url: session.url, providerRef: session.id };
}

const storedCheckout = z.object({ providerRef: z.string().startsWith('cs_') });

/**
 * Reconciliation: the session kept with the order, retrieved. No stored session means no
 * checkout was ever created for the order, so nothing can have been paid.
 */
export async function queryStripeCheckout(
  stripe: Stripe,
  outTradeNo: string,
  checkout: unknown,
): Promise<QueriedOrder> {
  const stored = storedCheckout.safeParse(checkout);
  if (!stored.success) return { found: false };
  let session: Stripe.Checkout.Session;
  try {
    session = await stripeCall('checkout session retrieve', () =>
      stripe.checkout.sessions.retrieve(stored.data.providerRef),
    );
  } catch (error) {
    if (error instanceof ResourceError && error.reason === 'NOT_FOUND') return { found: false };
    throw error;
  }
  const payment = sessionPayment(session);
  if (payment.outTradeNo !== outTradeNo) {
    throw new Error(
      `Stripe session ${session.id} belongs to ${payment.outTradeNo}, not ${outTradeNo}`,
    );
  }
  return {
    found: true,
    paid: payment.paid,
    providerTxnId: payment.providerTxnId,
    amountMinor: payment.amountMinor ?? 0,
    providerStatus: payment.providerStatus,
  };
}
