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

/** A subscription as the stand-in keeps it (the fields our calls read and write). */
export interface StubSubscription {
  id: string;
  object: 'subscription';
  status: string;
  cancel_at_period_end: boolean;
}

/**
 * A loopback stand-in for the Stripe calls the API makes: POST /v1/checkout/sessions
 * (orders.create) answers with a session; GET / POST /v1/subscriptions/:id (renewal on / off)
 * read and update `subscriptions`. Records each form-encoded request; anything else is 404.
 * `down` makes it answer 500 like a Stripe outage (Stripe's SDK then gives up: no retries).
 */
export async function startCheckoutStub() {
  const requests: {
    method: string;
    path: string;
    form: URLSearchParams;
    idempotencyKey?: string;
  }[] = [];
  const subscriptions = new Map<string, StubSubscription>();
  const state = { down: false };
  const answer = (method: string, path: string, form: URLSearchParams): [number, unknown] => {
    if (state.down) return [500, { error: { type: 'api_error', message: 'Stripe is down' } }];
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const id = `cs_test_${requests.length}`;
      return [
        200,
        { id, object: 'checkout.session', url: `https://checkout.stripe.com/c/pay/${id}` },
      ];
    }
    const subscription = subscriptions.get(path.replace('/v1/subscriptions/', ''));
    if (subscription && method === 'POST' && form.has('cancel_at_period_end')) {
      subscription.cancel_at_period_end = form.get('cancel_at_period_end') === 'true';
    }
    if (subscription) return [200, subscription];
    return [
      404,
      { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such' } },
    ];
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const idempotencyKey = req.headers['idempotency-key'];
      const method = req.method ?? 'GET';
      const path = req.url ?? '';
      requests.push({ method, path, form, idempotencyKey: String(idempotencyKey) });
      const [status, body] = answer(method, path, form);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    subscriptions,
    state,
    /** A Stripe subscription that renews (cancel_at_period_end false). */
    addSubscription(id: string, status = 'active'): StubSubscription {
      const subscription = {
        id,
        object: 'subscription' as const,
        status,
        cancel_at_period_end: false,
      };
      subscriptions.set(id, subscription);
      return subscription;
    },
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
  userId?: string,
): Promise<Order> {
  userId ??= (await api.signUp()).userId;
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
