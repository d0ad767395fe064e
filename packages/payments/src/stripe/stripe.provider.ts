import type { PaymentProviderAdapter, ProviderResponse } from '../adapter';
import type { StripeCredentials } from '../config';
import {
  createStripeCheckout,
  queryStripeCheckout,
  type StripeCheckoutUrls,
} from './stripe-checkout';
import { createStripeClient } from './stripe-client';
import { stripeCall } from './stripe-errors';
import { verifyStripeNotification } from './stripe-events';
import { refundStripePayment } from './stripe-refund';
import { setStripeAutoRenew } from './stripe-subscription';

export type StripeConfig = StripeCredentials & StripeCheckoutUrls;

const JSON_TYPE = 'application/json';

/**
 * Stripe through the official SDK (DESIGN §5): Checkout Sessions (USD and CNY), webhooks
 * verified with constructEvent, renewals by Stripe's own invoice.paid, refunds with an
 * Idempotency-Key. Stripe wants a 2xx to stop retrying; any 4xx/5xx makes it retry (for days).
 */
export function stripeAdapter(config: StripeConfig): PaymentProviderAdapter {
  const stripe = createStripeClient(config);
  return {
    provider: 'STRIPE',
    currencies: ['USD', 'CNY'],
    checkoutKind: 'redirect',
    createCheckout: (order) =>
      stripeCall('checkout session create', () => createStripeCheckout(stripe, config, order)),
    verifyNotification: async (request) =>
      verifyStripeNotification(stripe, config.webhookSecret, request),
    queryOrder: (outTradeNo, checkout) => queryStripeCheckout(stripe, outTradeNo, checkout),
    refund: (request) => refundStripePayment(stripe, request),
    setAutoRenew: (id, renew) => setStripeAutoRenew(stripe, id, renew),
    ackResponse: (): ProviderResponse => ({
      status: 200,
      contentType: JSON_TYPE,
      body: JSON.stringify({ received: true }),
    }),
    rejectResponse: (reason): ProviderResponse => ({
      status: 400,
      contentType: JSON_TYPE,
      body: JSON.stringify({ error: reason.slice(0, 200) }),
    }),
  };
}
