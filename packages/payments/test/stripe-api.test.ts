import { NetworkError, RateLimitError, ResourceError } from '@roundhouse/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PaymentProviderAdapter, stripeAdapter } from '../src';
import {
  FAKE_SECRET_KEY,
  startFakeStripe,
  type StripeAnswer,
  type StripeRequest,
  stripeError,
} from './stripe-fake-server';

/**
 * The Stripe calls that move money or read it (Checkout Session, retrieve, refund, cancel),
 * exercised only against a loopback server that checks the request shapes of Stripe's API
 * reference and answers with its response shapes.
 */
let fake: Awaited<ReturnType<typeof startFakeStripe>>;
let adapter: PaymentProviderAdapter;
let answer: (request: StripeRequest) => StripeAnswer | undefined;
/** The stand-in's refunds, and which Idempotency-Key made each (Stripe forgets keys in ~24 h). */
const stripeRefunds: Record<string, unknown>[] = [];
const refundIdByKey = new Map<string, string>();

beforeAll(async () => {
  fake = await startFakeStripe((request) => answer(request));
  adapter = stripeAdapter({
    secretKey: FAKE_SECRET_KEY,
    webhookSecret: 'whsec_unused',
    apiBase: fake.apiBase,
    webUrl: 'https://app.example.test',
  });
});
afterAll(() => fake?.close());
beforeEach(() => {
  fake.requests.length = 0;
  answer = () => undefined;
});

const order = {
  id: '0b5cfa2e-7c1f-4b59-9a53-1d1d8f0c0a11',
  outTradeNo: 'RH0123456789abcdef0123456789abcd',
  amountMinor: 990,
  currency: 'USD' as const,
  subject: 'Roundhouse Basic (30 days)',
  expiresAt: new Date(Date.now() + 10 * 60_000),
};

function session(overrides: Record<string, unknown> = {}) {
  return {
    id: 'cs_test_a1',
    object: 'checkout.session',
    url: 'https://checkout.stripe.com/c/pay/cs_test_a1',
    client_reference_id: order.outTradeNo,
    amount_total: 990,
    currency: 'usd',
    payment_status: 'unpaid',
    status: 'open',
    payment_intent: null,
    invoice: null,
    subscription: null,
    ...overrides,
  };
}

describe('createCheckout: a Checkout Session priced from our order', () => {
  it('starts a subscription for a new purchase (renewed by Stripe every billing period)', async () => {
    answer = (request) =>
      request.method === 'POST' && request.path === '/v1/checkout/sessions'
        ? { body: session() }
        : undefined;
    const checkout = await adapter.createCheckout({ ...order, recurring: { intervalDays: 30 } });
    expect(checkout).toEqual({
      kind: 'redirect',
      url: 'https://checkout.stripe.com/c/pay/cs_test_a1',
      providerRef: 'cs_test_a1',
    });
    const [request] = fake.requests;
    expect(request?.contentType).toContain('application/x-www-form-urlencoded');
    expect(request?.headers['idempotency-key']).toBe(`checkout:${order.outTradeNo}`);
    const form = Object.fromEntries(request!.form);
    expect(form).toMatchObject({
      mode: 'subscription',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': '990',
      'line_items[0][price_data][product_data][name]': order.subject,
      'line_items[0][price_data][recurring][interval]': 'day',
      'line_items[0][price_data][recurring][interval_count]': '30',
      client_reference_id: order.outTradeNo,
      'metadata[order_id]': order.id,
      'metadata[out_trade_no]': order.outTradeNo,
      'subscription_data[metadata][out_trade_no]': order.outTradeNo,
      success_url: `https://app.example.test/checkout/${order.id}`,
      cancel_url: 'https://app.example.test/plans',
    });
    // Stripe refuses sessions shorter than 30 minutes: ours outlives the 10-minute order.
    const expiresAt = Number(form.expires_at) * 1000;
    expect(expiresAt - Date.now()).toBeGreaterThan(30 * 60_000);
    expect(expiresAt - Date.now()).toBeLessThan(35 * 60_000);
  });

  it('charges a one-off payment (in CNY here) when nothing recurs', async () => {
    answer = () => ({ body: session({ currency: 'cny' }) });
    await adapter.createCheckout({ ...order, currency: 'CNY', amountMinor: 6_900 });
    const form = Object.fromEntries(fake.requests[0]!.form);
    expect(form).toMatchObject({
      mode: 'payment',
      'line_items[0][price_data][currency]': 'cny',
      'line_items[0][price_data][unit_amount]': '6900',
      'payment_intent_data[metadata][out_trade_no]': order.outTradeNo,
    });
    expect(form).not.toHaveProperty('line_items[0][price_data][recurring][interval]');
  });

  it('turns Stripe refusals into core errors', async () => {
    answer = () => stripeError(400, 'invalid_request_error', 'Invalid currency: xyz');
    await expect(adapter.createCheckout(order)).rejects.toBeInstanceOf(ResourceError);
    answer = () => ({
      ...stripeError(429, 'rate_limit_error', 'Too many requests'),
    });
    await expect(adapter.createCheckout(order)).rejects.toBeInstanceOf(RateLimitError);
  });

  it('reports a Stripe it cannot reach as a retryable network error', async () => {
    const unreachable = stripeAdapter({
      secretKey: FAKE_SECRET_KEY,
      webhookSecret: 'whsec_unused',
      apiBase: 'http://127.0.0.1:9',
      webUrl: 'https://app.example.test',
    });
    const error = await unreachable.createCheckout(order).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ retryable: true, mayHaveBeenApplied: true });
  });
});

describe('queryOrder: the session kept with the order', () => {
  const stored = {
    kind: 'redirect',
    url: 'https://checkout.stripe.com/x',
    providerRef: 'cs_test_a1',
  };

  it('is paid when the session says payment_status paid', async () => {
    answer = (request) =>
      request.method === 'GET' && request.path === '/v1/checkout/sessions/cs_test_a1'
        ? { body: session({ payment_status: 'paid', status: 'complete', payment_intent: 'pi_7' }) }
        : undefined;
    await expect(adapter.queryOrder(order.outTradeNo, stored)).resolves.toEqual({
      found: true,
      paid: true,
      providerTxnId: 'pi_7',
      amountMinor: 990,
      providerStatus: 'complete/paid',
    });
  });

  it('is not found without a stored session or when Stripe has none', async () => {
    await expect(adapter.queryOrder(order.outTradeNo, null)).resolves.toEqual({ found: false });
    expect(fake.requests).toHaveLength(0);
    await expect(adapter.queryOrder(order.outTradeNo, stored)).resolves.toEqual({ found: false });
  });

  it('refuses a session that belongs to another order', async () => {
    answer = () => ({ body: session({ client_reference_id: 'RHsomeoneelse' }) });
    await expect(adapter.queryOrder(order.outTradeNo, stored)).rejects.toThrow(/belongs to/);
  });
});

describe('refund: refunds.create with Idempotency-Key = refundNo', () => {
  const request = {
    refundNo: 'RF-0001',
    outTradeNo: order.outTradeNo,
    providerTxnId: 'pi_7',
    amountMinor: 400,
    totalMinor: 990,
    currency: 'USD' as const,
    reason: 'customer asked',
  };

  beforeEach(() => {
    stripeRefunds.length = 0;
    refundIdByKey.clear();
    // Like Stripe: the same Idempotency-Key replays the first refund instead of a second one.
    answer = (incoming) => {
      if (incoming.path !== '/v1/refunds') return undefined;
      if (incoming.method === 'GET') {
        const intent = incoming.query.get('payment_intent');
        const data = stripeRefunds.filter((refund) => refund.payment_intent === intent);
        return { body: { object: 'list', has_more: false, url: '/v1/refunds', data } };
      }
      const key = String(incoming.headers['idempotency-key']);
      if (!refundIdByKey.has(key)) {
        const id = `re_${stripeRefunds.length + 1}`;
        stripeRefunds.push({
          id,
          object: 'refund',
          amount: Number(incoming.form.get('amount')),
          currency: 'usd',
          payment_intent: incoming.form.get('payment_intent'),
          metadata: { refund_no: incoming.form.get('metadata[refund_no]') },
          status: 'succeeded',
        });
        refundIdByKey.set(key, id);
      }
      return { body: stripeRefunds.find((refund) => refund.id === refundIdByKey.get(key)) };
    };
  });
  const creates = () => fake.requests.filter((sent) => sent.method === 'POST');

  it('refunds the payment intent once, however often it is asked', async () => {
    const first = await adapter.refund(request);
    const again = await adapter.refund(request);
    expect(first).toEqual({ status: 'SUCCEEDED', providerRefundId: 're_1' });
    expect(again).toEqual(first);
    expect(stripeRefunds).toHaveLength(1);
    expect(creates()).toHaveLength(1);
    for (const sent of creates()) {
      expect(sent.headers['idempotency-key']).toBe('RF-0001');
      expect(Object.fromEntries(sent.form)).toMatchObject({
        payment_intent: 'pi_7',
        amount: '400',
        'metadata[refund_no]': 'RF-0001',
      });
    }
  });

  it('finds the refund of a number asked again after Stripe forgot its Idempotency-Key', async () => {
    const first = await adapter.refund(request);
    refundIdByKey.clear(); // a day later
    await expect(adapter.refund(request)).resolves.toEqual(first);
    // another number of the same payment is a refund of its own
    await expect(adapter.refund({ ...request, refundNo: 'RF-0002' })).resolves.toMatchObject({
      providerRefundId: 're_2',
    });
    expect(stripeRefunds).toHaveLength(2);
    expect(creates().map((sent) => sent.headers['idempotency-key'])).toEqual([
      'RF-0001',
      'RF-0002',
    ]);
  });

  it('refunds an invoice (a subscription payment) through the payment intent that paid it', async () => {
    const refunds = answer;
    answer = (incoming) =>
      incoming.method === 'GET' && incoming.path === '/v1/invoice_payments'
        ? incoming.query.get('invoice') === 'in_5'
          ? {
              body: {
                object: 'list',
                has_more: false,
                url: '/v1/invoice_payments',
                data: [
                  { id: 'inpay_1', payment: { type: 'payment_intent', payment_intent: 'pi_5' } },
                ],
              },
            }
          : undefined
        : refunds(incoming);
    await expect(adapter.refund({ ...request, providerTxnId: 'in_5' })).resolves.toMatchObject({
      status: 'SUCCEEDED',
    });
    expect(fake.requests.at(-1)?.form.get('payment_intent')).toBe('pi_5');
  });

  it('refunds a session Stripe named no payment for through the payment it finds on it', async () => {
    const refunds = answer;
    answer = (incoming) =>
      incoming.method === 'GET' && incoming.path === '/v1/checkout/sessions/cs_test_a1'
        ? { body: session({ payment_status: 'paid', payment_intent: 'pi_late' }) }
        : refunds(incoming);
    await adapter.refund({ ...request, providerTxnId: 'cs_test_a1' });
    expect(fake.requests.at(-1)?.form.get('payment_intent')).toBe('pi_late');
  });

  it('a refund of the same number still running at Stripe (409) is an outcome unknown, not a refusal', async () => {
    const refunds = answer;
    answer = (incoming) =>
      incoming.method === 'POST'
        ? stripeError(
            409,
            'idempotency_error',
            'There is currently another in-progress request using this Idempotent Key',
            'idempotency_key_in_use',
          )
        : refunds(incoming);
    const error = await adapter.refund(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).mayHaveBeenApplied).toBe(true);
  });

  it('reports pending refunds as PENDING and failed ones as errors', async () => {
    const refunds = answer;
    const refundAnswering = (body: Record<string, unknown>) => (incoming: StripeRequest) =>
      incoming.method === 'POST' ? { body } : refunds(incoming);
    answer = refundAnswering({ id: 're_p', amount: 400, currency: 'usd', status: 'pending' });
    await expect(adapter.refund(request)).resolves.toEqual({
      status: 'PENDING',
      providerRefundId: 're_p',
    });
    answer = refundAnswering({ id: 're_f', amount: 400, currency: 'usd', status: 'failed' });
    await expect(adapter.refund(request)).rejects.toBeInstanceOf(ResourceError);
  });

  it('refuses to refund without a Stripe payment, before calling Stripe', async () => {
    await expect(adapter.refund({ ...request, providerTxnId: null })).rejects.toBeInstanceOf(
      ResourceError,
    );
    expect(fake.requests).toHaveLength(0);
  });
});

describe('setAutoRenew: Stripe stops (or resumes) renewing at the end of the period', () => {
  let subscriptions: Map<string, { id: string; status: string; cancel_at_period_end: boolean }>;

  beforeEach(() => {
    subscriptions = new Map([
      ['sub_live', { id: 'sub_live', status: 'active', cancel_at_period_end: false }],
      ['sub_gone', { id: 'sub_gone', status: 'canceled', cancel_at_period_end: false }],
    ]);
    answer = (request) => {
      const id = request.path.replace('/v1/subscriptions/', '');
      const subscription = subscriptions.get(id);
      if (!subscription) return undefined;
      if (request.method === 'POST') {
        subscription.cancel_at_period_end = request.form.get('cancel_at_period_end') === 'true';
      }
      return { body: subscription };
    };
  });
  const updates = () =>
    fake.requests
      .filter((request) => request.method === 'POST')
      .map((request) => [request.path, request.form.get('cancel_at_period_end')]);

  it('sets cancel_at_period_end once, and leaves an ended subscription alone', async () => {
    await adapter.setAutoRenew!('sub_live', false);
    await adapter.setAutoRenew!('sub_live', false);
    await adapter.setAutoRenew!('sub_gone', false);
    expect(subscriptions.get('sub_live')?.cancel_at_period_end).toBe(true);
    expect(updates()).toEqual([['/v1/subscriptions/sub_live', 'true']]);
  });

  it('resumes renewal once, and refuses to resume one Stripe ended', async () => {
    subscriptions.get('sub_live')!.cancel_at_period_end = true;
    await adapter.setAutoRenew!('sub_live', true);
    await adapter.setAutoRenew!('sub_live', true);
    expect(subscriptions.get('sub_live')?.cancel_at_period_end).toBe(false);
    await expect(adapter.setAutoRenew!('sub_gone', true)).rejects.toThrow(/has ended/);
    expect(updates()).toEqual([['/v1/subscriptions/sub_live', 'false']]);
  });

  it('reports an unknown subscription as NOT_FOUND', async () => {
    await expect(adapter.setAutoRenew!('sub_nope', false)).rejects.toMatchObject({
      reason: 'NOT_FOUND',
    });
  });
});
