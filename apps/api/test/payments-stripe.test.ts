import type { Order } from '@roundhouse/db';
import {
  checkoutCompletedEvent,
  invoicePaidEvent,
  signStripeBody,
  signStripeEvent,
  STRIPE_TOLERANCE_SECONDS,
  subscriptionDeletedEvent,
} from '@roundhouse/payments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness';
import { cloneJobsFor, latestEvent, paymentEventCount, paymentState } from './payments-fixtures';
import {
  deliverStripe,
  openStripeOrder,
  postStripe,
  startCheckoutStub,
  STRIPE_WEBHOOK_SECRET,
  stripeOnlyPayments,
} from './payments-stripe-fixtures';

/**
 * POST /webhooks/stripe, adversarially (issue 6): constructEvent over the raw body, event.id as
 * the idempotency key, checkout.session.completed pays the order, invoice.paid renews (once),
 * customer.subscription.deleted cancels at period end; everything refused changes nothing.
 */
let api: TestApi;
let stub: Awaited<ReturnType<typeof startCheckoutStub>>;
const RECEIVED = { status: 200, body: '{"received":true}' };
const DAY_MS = 86_400_000;

beforeAll(async () => {
  stub = await startCheckoutStub();
  api = await startTestApi({ config: { payments: stripeOnlyPayments(stub.apiBase) } });
});
afterAll(async () => {
  await api?.close();
  await stub?.close();
});

const paidCheckout = (order: Order, subscriptionId?: string) =>
  checkoutCompletedEvent({
    outTradeNo: order.out_trade_no,
    amountMinor: order.amount_minor,
    currency: order.currency,
    ...(subscriptionId ? { subscriptionId } : {}),
  });

/** A NEW order paid through a subscription-mode checkout: our subscription, linked. */
async function subscribed() {
  const order = await openStripeOrder(api);
  const stripeSubscriptionId = `sub_${order.id.slice(0, 12)}`;
  expect(await deliverStripe(api, paidCheckout(order, stripeSubscriptionId))).toEqual(RECEIVED);
  const subscription = await subscriptionOf(order);
  return { order, subscription, stripeSubscriptionId };
}

function subscriptionOf(order: Order) {
  return api.db
    .selectFrom('subscriptions')
    .selectAll()
    .where('id', '=', order.subscription_id!)
    .executeTakeFirstOrThrow();
}

function renewal(
  order: Order,
  stripeSubscriptionId: string,
  overrides: Partial<Parameters<typeof invoicePaidEvent>[0]> = {},
) {
  return invoicePaidEvent({
    subscriptionId: stripeSubscriptionId,
    amountMinor: order.amount_minor,
    currency: order.currency,
    ...overrides,
  });
}

const eventCount = () => paymentEventCount(api.db);

async function renewalOrders(subscriptionId: string) {
  return api.db
    .selectFrom('orders')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .where('kind', '=', 'RENEWAL')
    .execute();
}

describe('orders.create with Stripe', () => {
  it('opens a subscription-mode Checkout Session priced from our order and keeps its id', async () => {
    const { cookie } = await api.signUp();
    const { order } = await api
      .cookieClient(cookie)
      .orders.create.mutate({ plan: 'BASIC', provider: 'STRIPE', currency: 'USD' });
    const row = await api.db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    const [request] = stub.requests.slice(-1);
    expect(request?.idempotencyKey).toBe(`checkout:${row.out_trade_no}`);
    expect(Object.fromEntries(request!.form)).toMatchObject({
      mode: 'subscription',
      client_reference_id: row.out_trade_no,
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': String(row.amount_minor),
      'line_items[0][price_data][recurring][interval_count]': '30',
      success_url: `http://localhost:3000/checkout/${order.id}`,
    });
    expect(row.checkout).toMatchObject({
      kind: 'redirect',
      providerRef: expect.stringMatching(/^cs_test_/),
    });
  });
});

describe('checkout.session.completed', () => {
  it('pays the order, activates and links the subscription, enqueues one clone', async () => {
    const { order, subscription, stripeSubscriptionId } = await subscribed();
    const paid = await api.db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(paid).toMatchObject({ status: 'PAID', provider: 'STRIPE' });
    expect(paid.provider_txn_id).toMatch(/^in_/);
    expect(subscription).toMatchObject({
      status: 'ACTIVE',
      stripe_subscription_id: stripeSubscriptionId,
    });
    const instance = await api.db
      .selectFrom('instances')
      .select('id')
      .where('subscription_id', '=', subscription.id)
      .executeTakeFirstOrThrow();
    expect(await cloneJobsFor(api.db, instance.id)).toBe(1);
    expect(await latestEvent(api.db)).toMatchObject({ outcome: 'APPLIED', order_id: order.id });
  });

  it('a replayed event id is acknowledged and changes nothing', async () => {
    const order = await openStripeOrder(api);
    const delivery = signStripeEvent(STRIPE_WEBHOOK_SECRET, paidCheckout(order));
    expect(await postStripe(api, delivery)).toEqual(RECEIVED);
    const before = await paymentState(api.db);
    const events = await eventCount();
    expect(await postStripe(api, delivery)).toEqual(RECEIVED);
    expect(await paymentState(api.db)).toEqual(before);
    expect(await eventCount()).toBe(events);
  });

  it('a payment for an already-refunded order is acknowledged but ignored', async () => {
    const order = await openStripeOrder(api);
    await api.db
      .updateTable('orders')
      .set({ status: 'REFUNDED' })
      .where('id', '=', order.id)
      .execute();
    const before = await paymentState(api.db);
    expect(await deliverStripe(api, paidCheckout(order))).toEqual(RECEIVED);
    expect(await paymentState(api.db)).toEqual(before);
    expect(await latestEvent(api.db)).toMatchObject({ outcome: 'IGNORED', order_id: order.id });
  });

  it('acknowledges event types it does not act on, and the first invoice of a subscription', async () => {
    const { order, stripeSubscriptionId } = await subscribed();
    const before = await paymentState(api.db);
    const first = renewal(order, stripeSubscriptionId, { billingReason: 'subscription_create' });
    expect(await deliverStripe(api, first)).toEqual(RECEIVED);
    expect(await latestEvent(api.db)).toMatchObject({ outcome: 'IGNORED' });
    const other = { id: `evt_other_${order.id}`, type: 'charge.succeeded', object: { id: 'ch_1' } };
    expect(await deliverStripe(api, other)).toEqual(RECEIVED);
    expect(await latestEvent(api.db)).toMatchObject({ outcome: 'IGNORED', verified: true });
    expect(await paymentState(api.db)).toEqual(before);
  });
});

describe('refused deliveries change nothing, answer 400 and are recorded', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: {
    name: string;
    build: (order: Order) => { body: string; signature?: string; contentType?: string };
    verified: boolean;
  }[] = [
    {
      name: 'a forged signature',
      build: (order) => {
        const signed = signStripeEvent(STRIPE_WEBHOOK_SECRET, paidCheckout(order));
        return { ...signed, signature: `t=${now()},v1=${'0'.repeat(64)}` };
      },
      verified: false,
    },
    {
      name: 'a signature with the wrong secret',
      build: (order) => signStripeEvent('whsec_wrong', paidCheckout(order)),
      verified: false,
    },
    {
      name: 'a stale timestamp',
      build: (order) =>
        signStripeEvent(
          STRIPE_WEBHOOK_SECRET,
          paidCheckout(order),
          now() - STRIPE_TOLERANCE_SECONDS - 10,
        ),
      verified: false,
    },
    {
      name: 'an amount tampered with after signing',
      build: (order) => {
        const signed = signStripeEvent(STRIPE_WEBHOOK_SECRET, paidCheckout(order));
        return { ...signed, body: signed.body.replace(/"amount_total":\d+/, '"amount_total":1') };
      },
      verified: false,
    },
    {
      name: 'a correctly signed amount that is not the order amount',
      build: (order) =>
        signStripeEvent(
          STRIPE_WEBHOOK_SECRET,
          checkoutCompletedEvent({
            outTradeNo: order.out_trade_no,
            amountMinor: 1,
            currency: 'USD',
          }),
        ),
      verified: true,
    },
    {
      name: 'a correctly signed currency that is not the order currency',
      build: (order) =>
        signStripeEvent(
          STRIPE_WEBHOOK_SECRET,
          checkoutCompletedEvent({
            outTradeNo: order.out_trade_no,
            amountMinor: order.amount_minor,
            currency: 'CNY',
          }),
        ),
      verified: true,
    },
    {
      name: 'an unknown order',
      build: (order) =>
        signStripeEvent(
          STRIPE_WEBHOOK_SECRET,
          checkoutCompletedEvent({ ...order, outTradeNo: 'RHunknown0001', amountMinor: 990 }),
        ),
      verified: true,
    },
    {
      name: 'a malformed body',
      build: () => ({
        body: '{"id":"evt_1",',
        signature: signStripeBody(STRIPE_WEBHOOK_SECRET, '{"id":"evt_1",', now()),
      }),
      verified: true,
    },
    { name: 'an empty body', build: () => ({ body: '', signature: 't=1,v1=00' }), verified: false },
    {
      name: 'the wrong content type',
      build: (order) => ({
        ...signStripeEvent(STRIPE_WEBHOOK_SECRET, paidCheckout(order)),
        contentType: 'application/x-www-form-urlencoded',
      }),
      verified: false,
    },
  ];

  it.each(cases)('$name', async (testCase) => {
    const order = await openStripeOrder(api);
    const { contentType, ...delivery } = testCase.build(order);
    const before = await paymentState(api.db);
    const events = await eventCount();

    const answer = await postStripe(api, delivery, contentType);

    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toHaveProperty('error');
    expect(await paymentState(api.db)).toEqual(before);
    expect(await eventCount()).toBe(events + 1);
    expect(await latestEvent(api.db)).toMatchObject({
      provider: 'STRIPE',
      verified: testCase.verified,
      outcome: 'REJECTED',
    });
  });
});

describe('invoice.paid renewals', () => {
  it('50 concurrent deliveries → one RENEWAL order, one extension of one period', async () => {
    const { order, subscription, stripeSubscriptionId } = await subscribed();
    const delivery = signStripeEvent(
      STRIPE_WEBHOOK_SECRET,
      renewal(order, stripeSubscriptionId, { invoiceId: `in_cycle_${order.id.slice(0, 8)}` }),
    );

    const answers = await Promise.all(Array.from({ length: 50 }, () => postStripe(api, delivery)));

    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const renewals = await renewalOrders(subscription.id);
    expect(renewals).toHaveLength(1);
    expect(renewals[0]).toMatchObject({
      status: 'PAID',
      provider: 'STRIPE',
      provider_txn_id: `in_cycle_${order.id.slice(0, 8)}`,
      amount_minor: order.amount_minor,
      currency: order.currency,
    });
    const after = await subscriptionOf(order);
    expect(after.status).toBe('ACTIVE');
    expect(after.current_period_end!.getTime() - subscription.current_period_end!.getTime()).toBe(
      30 * DAY_MS,
    );
    const applied = await api.db
      .selectFrom('payment_events')
      .select('outcome')
      .where('order_id', '=', renewals[0]!.id)
      .execute();
    expect(applied).toEqual([{ outcome: 'APPLIED' }]);
  });

  it('another event for an invoice already recorded changes nothing', async () => {
    const { order, subscription, stripeSubscriptionId } = await subscribed();
    const invoiceId = `in_twice_${order.id.slice(0, 8)}`;
    expect(await deliverStripe(api, renewal(order, stripeSubscriptionId, { invoiceId }))).toEqual(
      RECEIVED,
    );
    const before = await paymentState(api.db);
    expect(await deliverStripe(api, renewal(order, stripeSubscriptionId, { invoiceId }))).toEqual(
      RECEIVED,
    );
    expect(await paymentState(api.db)).toEqual(before);
    expect(await latestEvent(api.db)).toMatchObject({ outcome: 'DUPLICATE' });
    expect(await renewalOrders(subscription.id)).toHaveLength(1);
  });

  it('finds a subscription not linked yet by the order that started it', async () => {
    const order = await openStripeOrder(api);
    // Settled without Stripe's subscription id (as reconciliation would).
    expect(await deliverStripe(api, paidCheckout(order))).toEqual(RECEIVED);
    const event = renewal(order, `sub_late_${order.id.slice(0, 8)}`, {
      originOutTradeNo: order.out_trade_no,
    });
    expect(await deliverStripe(api, event)).toEqual(RECEIVED);
    expect(await renewalOrders(order.subscription_id!)).toHaveLength(1);
    expect(await subscriptionOf(order)).toMatchObject({
      stripe_subscription_id: `sub_late_${order.id.slice(0, 8)}`,
    });
  });

  it.each([
    ['an unknown Stripe subscription', { subscriptionId: 'sub_nobody' }],
    ['an amount that is not what the subscription was sold at', { amountMinor: 1 }],
    ['a currency that is not what the subscription was sold at', { currency: 'CNY' }],
  ])('refuses %s: 400, nothing changes', async (_name, overrides) => {
    const { order, stripeSubscriptionId } = await subscribed();
    const before = await paymentState(api.db);
    const answer = await deliverStripe(api, renewal(order, stripeSubscriptionId, overrides));
    expect(answer.status).toBe(400);
    expect(await paymentState(api.db)).toEqual(before);
    expect(await latestEvent(api.db)).toMatchObject({ outcome: 'REJECTED', verified: true });
  });
});

describe('customer.subscription.deleted', () => {
  it('sets our subscription to cancel at the end of its period, audited, once', async () => {
    const { order, subscription, stripeSubscriptionId } = await subscribed();
    const event = subscriptionDeletedEvent(stripeSubscriptionId);
    expect(await deliverStripe(api, event)).toEqual(RECEIVED);
    const canceled = await subscriptionOf(order);
    expect(canceled).toMatchObject({
      status: 'ACTIVE',
      cancel_at_period_end: true,
      current_period_end: subscription.current_period_end,
    });
    expect(await latestEvent(api.db)).toMatchObject({ outcome: 'APPLIED' });
    const audit = await api.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', subscription.id)
      .execute();
    expect(audit).toMatchObject([
      { actor_type: 'SYSTEM', actor_id: 'stripe', action: 'subscriptions.cancel_at_period_end' },
    ]);

    const before = await paymentState(api.db);
    expect(await deliverStripe(api, subscriptionDeletedEvent(stripeSubscriptionId))).toEqual(
      RECEIVED,
    );
    expect(await paymentState(api.db)).toEqual(before);
    expect(await latestEvent(api.db)).toMatchObject({ outcome: 'IGNORED' });
  });
});

describe('payments.providers', () => {
  it('offers Stripe, by redirect, in USD and CNY, to anyone', async () => {
    await expect(api.cookieClient('').payments.providers.query()).resolves.toEqual([
      { provider: 'STRIPE', currencies: ['USD', 'CNY'], checkoutKind: 'redirect' },
    ]);
  });

  it('offers no Stripe in sandbox mode without Stripe keys', async () => {
    const sandbox = await startTestApi({ db: api.db });
    try {
      const offered = await sandbox.cookieClient('').payments.providers.query();
      expect(offered.map((option) => option.provider)).not.toContain('STRIPE');
      expect(offered).toContainEqual({
        provider: 'ALIPAY',
        currencies: ['CNY'],
        checkoutKind: 'redirect',
      });
    } finally {
      await sandbox.close();
    }
  });
});
