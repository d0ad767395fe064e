import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Order } from '@roundhouse/db';
import { openOrder, setOrderCheckout } from '@roundhouse/db/repositories/orders';
import { signStripeEvent, type StripeTestEvent } from '@roundhouse/payments';
import type { TestApi } from './harness';

export const STRIPE_WEBHOOK_SECRET = 'whsec_test_roundhouse_api';

/** Payments with Stripe as the only provider, its API at `apiBase`. */
export function stripeOnlyPayments(apiBase: string) {
  return {
    mode: 'live' as const,
    providers: {
      stripe: { secretKey: 'sk_test_api', webhookSecret: STRIPE_WEBHOOK_SECRET, apiBase },
    },
  };
}

/**
 * A loopback stand-in for Stripe's POST /v1/checkout/sessions (the only call orders.create
 * makes): records each form-encoded request and answers with a session; anything else is 404.
 */
export async function startCheckoutStub() {
  const requests: { path: string; form: URLSearchParams; idempotencyKey?: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const idempotencyKey = req.headers['idempotency-key'];
      requests.push({ path: req.url ?? '', form, idempotencyKey: String(idempotencyKey) });
      const found = req.method === 'POST' && req.url === '/v1/checkout/sessions';
      const id = `cs_test_${requests.length}`;
      res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          found
            ? { id, object: 'checkout.session', url: `https://checkout.stripe.com/c/pay/${id}` }
            : {
                error: {
                  type: 'invalid_request_error',
                  code: 'resource_missing',
                  message: 'No such',
                },
              },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function postStripe(
  api: TestApi,
  delivery: { body: string; signature?: string },
  contentType = 'application/json; charset=utf-8',
): Promise<{ status: number; body: string }> {
  const response = await api.fetch('/webhooks/stripe', {
    method: 'POST',
    headers: {
      'content-type': contentType,
      ...(delivery.signature === undefined ? {} : { 'stripe-signature': delivery.signature }),
    },
    body: delivery.body,
  });
  return { status: response.status, body: await response.text() };
}

/** Signs and posts a Stripe event with the test API's webhook secret. */
export function deliverStripe(api: TestApi, event: StripeTestEvent) {
  return postStripe(api, signStripeEvent(STRIPE_WEBHOOK_SECRET, event));
}

/**
 * A Stripe order as orders.create leaves it, straight through the repository (the checkout
 * session itself is covered against a loopback Stripe in @roundhouse/payments).
 */
export async function openStripeOrder(
  api: TestApi,
  currency: 'USD' | 'CNY' = 'USD',
): Promise<Order> {
  const { userId } = await api.signUp();
  const { order } = await openOrder(api.db, {
    userId,
    plan: 'BASIC',
    provider: 'STRIPE',
    currency,
  });
  return setOrderCheckout(api.db, order.id, {
    kind: 'redirect',
    url: 'https://checkout.stripe.com/c/pay/cs_test',
    providerRef: `cs_test_${order.id.slice(0, 8)}`,
  });
}
