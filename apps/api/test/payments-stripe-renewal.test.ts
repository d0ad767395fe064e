import type { Order } from '@roundhouse/db';
import { checkoutCompletedEvent, type PaymentProviderAdapter } from '@roundhouse/payments';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from './admin-fixtures';
import { type SignedUp, startTestApi, type TestApi } from './harness';
import { signUpAdmin } from './invoices-fixtures';
import {
  deliverStripe,
  openStripeOrder,
  startCheckoutStub,
  stripeOnlyPayments,
} from './payments-stripe-fixtures';

/**
 * Stripe renews by itself, so ours must tell it when we stop (issue 6 follow-up): cancel at
 * period end and its undo go to Stripe first (nothing changes here when Stripe can't be told),
 * and a full refund stops Stripe's renewal after the refund is booked. Stripe is a loopback
 * stand-in keeping the subscription's cancel_at_period_end.
 */
let api: TestApi;
let stub: Awaited<ReturnType<typeof startCheckoutStub>>;
let admin: SignedUp;
let stripe: PaymentProviderAdapter;

beforeAll(async () => {
  stub = await startCheckoutStub();
  api = await startTestApi({ config: { payments: stripeOnlyPayments(stub.apiBase) } });
  admin = await signUpAdmin(api);
  stripe = api.server.services.payments.byProvider.STRIPE!;
});
afterAll(async () => {
  await api?.close();
  await stub?.close();
});
afterEach(() => {
  stub.state.down = false;
  api.server.services.payments.byProvider.STRIPE = stripe;
});

/** A customer whose subscription was bought by a Stripe subscription-mode checkout. */
async function subscribed() {
  const customer = await api.signUp();
  const order = await openStripeOrder(api, 'USD', customer.userId);
  const stripeSubscriptionId = `sub_${order.id.slice(0, 12)}`;
  const atStripe = stub.addSubscription(stripeSubscriptionId);
  const event = checkoutCompletedEvent({
    outTradeNo: order.out_trade_no,
    amountMinor: order.amount_minor,
    currency: order.currency,
    subscriptionId: stripeSubscriptionId,
  });
  expect((await deliverStripe(api, event)).status).toBe(200);
  const subscriptionId = order.subscription_id!;
  return { customer, order, subscriptionId, atStripe, client: api.cookieClient(customer.cookie) };
}

const subscriptionRow = (id: string) =>
  api.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const auditOf = (subscriptionId: string) =>
  api.db
    .selectFrom('audit_log')
    .select(['action', 'details'])
    .where('target_id', '=', subscriptionId)
    .orderBy('created_at')
    .execute();

describe('cancel at period end of a subscription Stripe renews', () => {
  it('tells Stripe to stop, then to resume (cancel:false and resume), before changing ours', async () => {
    const { subscriptionId, atStripe, client } = await subscribed();
    await expect(
      client.subscriptions.cancelAtPeriodEnd.mutate({ subscriptionId, cancel: true }),
    ).resolves.toMatchObject({ cancelAtPeriodEnd: true });
    expect(atStripe.cancel_at_period_end).toBe(true);

    await client.subscriptions.cancelAtPeriodEnd.mutate({ subscriptionId, cancel: false });
    expect(atStripe.cancel_at_period_end).toBe(false);
    expect((await subscriptionRow(subscriptionId)).cancel_at_period_end).toBe(false);

    await client.subscriptions.cancelAtPeriodEnd.mutate({ subscriptionId, cancel: true });
    await expect(client.subscriptions.resume.mutate({ subscriptionId })).resolves.toMatchObject({
      cancelAtPeriodEnd: false,
    });
    expect(atStripe.cancel_at_period_end).toBe(false);
    const updates = stub.requests.filter(
      (request) => request.method === 'POST' && request.path === `/v1/subscriptions/${atStripe.id}`,
    );
    expect(updates.map((request) => request.form.get('cancel_at_period_end'))).toEqual([
      'true',
      'false',
      'true',
      'false',
    ]);
  });

  it('changes nothing when Stripe cannot be reached, and says so', async () => {
    const { subscriptionId, atStripe, client } = await subscribed();
    const before = await subscriptionRow(subscriptionId);
    stub.state.down = true;
    await expect(
      client.subscriptions.cancelAtPeriodEnd.mutate({ subscriptionId, cancel: true }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('Stripe could not be told to stop renewing'),
      data: { code: 'BAD_GATEWAY' },
    });
    expect(await subscriptionRow(subscriptionId)).toEqual(before);
    expect(await auditOf(subscriptionId)).toEqual([]);
    expect(atStripe.cancel_at_period_end).toBe(false);
  });

  it('refuses to resume a subscription Stripe already ended, changing nothing here', async () => {
    const { subscriptionId, atStripe, client } = await subscribed();
    await client.subscriptions.cancelAtPeriodEnd.mutate({ subscriptionId, cancel: true });
    atStripe.status = 'canceled';
    await expect(client.subscriptions.resume.mutate({ subscriptionId })).rejects.toMatchObject({
      message: expect.stringContaining('has ended'),
      data: { code: 'BAD_REQUEST' },
    });
    expect((await subscriptionRow(subscriptionId)).cancel_at_period_end).toBe(true);
  });
});

describe('a full refund of a subscription Stripe renews', () => {
  /** Stripe's refund itself is covered in @roundhouse/payments; here it just succeeds. */
  function refundsSucceed() {
    const adapter = Object.create(stripe) as PaymentProviderAdapter;
    adapter.refund = async (request) => ({
      status: 'SUCCEEDED',
      providerRefundId: `re_${request.refundNo}`,
    });
    api.server.services.payments.byProvider.STRIPE = adapter;
  }
  const refund = (order: Order, amountMinor?: number) =>
    api.cookieClient(admin.cookie).admin.billing.refund.mutate({
      orderId: order.id,
      reason: 'customer asked',
      ...(amountMinor === undefined ? {} : { amountMinor }),
    });

  it('stops Stripe renewing once the refund succeeded (a partial refund does not)', async () => {
    const { order, subscriptionId, atStripe } = await subscribed();
    refundsSucceed();
    const partial = await refund(order, 100);
    expect(partial.providerRenewal).toBeNull();
    expect(atStripe.cancel_at_period_end).toBe(false);

    const full = await refund(order);
    expect(full).toMatchObject({
      refund: { status: 'SUCCEEDED' },
      order: { status: 'REFUNDED' },
      providerRenewal: { stopped: true },
    });
    expect(atStripe.cancel_at_period_end).toBe(true);
    expect(await auditOf(subscriptionId)).toContainEqual({
      action: 'admin.refund.stop_renewal',
      details: expect.objectContaining({ stripeSubscriptionId: atStripe.id, stopped: true }),
    });
  });

  it('keeps the refund when Stripe cannot be told, and reports and audits the failure', async () => {
    const { order, subscriptionId, atStripe } = await subscribed();
    refundsSucceed();
    stub.state.down = true;
    const result = await refund(order);
    expect(result).toMatchObject({
      refund: { status: 'SUCCEEDED' },
      order: { status: 'REFUNDED' },
      providerRenewal: {
        stopped: false,
        error: expect.stringContaining('Stripe'),
        retrying: true,
      },
    });
    expect((await subscriptionRow(subscriptionId)).status).toBe('CANCELED');
    expect(atStripe.cancel_at_period_end).toBe(false);
    // the worker keeps asking Stripe until it has been told
    expect(await jobs(api.db)).toContainEqual(
      expect.objectContaining({
        task: 'stop_provider_renewal',
        key: `stop-renewal:${atStripe.id}`,
        payload: { stripeSubscriptionId: atStripe.id },
      }),
    );
    expect(await auditOf(subscriptionId)).toContainEqual({
      action: 'admin.refund.stop_renewal_failed',
      details: expect.objectContaining({ stripeSubscriptionId: atStripe.id, stopped: false }),
    });
  });
});
