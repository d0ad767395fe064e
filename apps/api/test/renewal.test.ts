import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const BASIC_ALIPAY = { plan: 'BASIC', provider: 'ALIPAY', currency: 'CNY' } as const;
type Client = ReturnType<TestApi['cookieClient']>;

function cashierPath(order: { checkout: unknown }): string {
  const checkout = order.checkout as { kind: string; url?: string };
  return new URL(checkout.url ?? '').pathname;
}

/** Pays an order at the sandbox cashier, with or without the notification. */
async function payAtCashier(order: { checkout: unknown }, notify = true): Promise<Response> {
  return api.fetch(`${cashierPath(order)}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: notify ? '' : 'notify=no',
  });
}

async function activeSubscription(client: Client) {
  const { order } = await client.orders.create.mutate(BASIC_ALIPAY);
  expect((await payAtCashier(order)).status).toBe(200);
  return client.subscriptions.detail.query({ subscriptionId: order.subscriptionId! });
}

describe('renewal through orders.create', () => {
  it('opens a RENEWAL order for my subscription; paying it adds a period and clears the cancel', async () => {
    const { cookie } = await api.signUp();
    const client = api.cookieClient(cookie);
    const subscription = await activeSubscription(client);
    await client.subscriptions.cancelAtPeriodEnd.mutate({
      subscriptionId: subscription.id,
      cancel: true,
    });

    const { order } = await client.orders.create.mutate({
      ...BASIC_ALIPAY,
      subscriptionId: subscription.id,
    });
    expect(order).toMatchObject({ kind: 'RENEWAL', subscriptionId: subscription.id });
    expect((await payAtCashier(order)).status).toBe(200);

    const renewed = await client.subscriptions.detail.query({ subscriptionId: subscription.id });
    expect(renewed).toMatchObject({ status: 'ACTIVE', cancelAtPeriodEnd: false });
    expect(renewed.currentPeriodEnd!.getTime() - subscription.currentPeriodEnd!.getTime()).toBe(
      30 * 86_400_000,
    );
    expect(renewed.instance?.id).toBe(subscription.instance?.id);
  });

  it("refuses someone else's subscription and creates nothing", async () => {
    const owner = api.cookieClient((await api.signUp()).cookie);
    const subscription = await activeSubscription(owner);
    const stranger = api.cookieClient((await api.signUp()).cookie);
    await expect(
      stranger.orders.create.mutate({ ...BASIC_ALIPAY, subscriptionId: subscription.id }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    expect(await stranger.orders.list.query()).toHaveLength(0);
  });
});

describe('subscriptions.resume', () => {
  it('undoes cancel-at-period-end before the period ends', async () => {
    const client = api.cookieClient((await api.signUp()).cookie);
    const subscription = await activeSubscription(client);
    await client.subscriptions.cancelAtPeriodEnd.mutate({
      subscriptionId: subscription.id,
      cancel: true,
    });
    const resumed = await client.subscriptions.resume.mutate({ subscriptionId: subscription.id });
    expect(resumed).toMatchObject({ status: 'ACTIVE', cancelAtPeriodEnd: false });
  });
});

describe('sandbox cashier: pay without notifying', () => {
  it('books the trade but sends nothing; a later notification carries the same trade_no', async () => {
    const client = api.cookieClient((await api.signUp()).cookie);
    const { order } = await client.orders.create.mutate(BASIC_ALIPAY);
    const page = await api.fetch(cashierPath(order));
    expect(await page.text()).toContain('Pay without notifying');

    const silent = await payAtCashier(order, false);
    expect(silent.status).toBe(200);
    expect(await silent.text()).toContain('notification lost');
    expect((await client.orders.get.query({ orderId: order.id })).status).toBe('CREATED');
    const trade = await api.db
      .selectFrom('sandbox_trades')
      .selectAll()
      .where('out_trade_no', '=', order.outTradeNo)
      .executeTakeFirstOrThrow();
    expect(trade).toMatchObject({ trade_status: 'TRADE_SUCCESS', amount_minor: order.amountMinor });
    const events = await api.db
      .selectFrom('payment_events')
      .select('id')
      .where('order_id', '=', order.id)
      .execute();
    expect(events).toHaveLength(0);

    expect((await payAtCashier(order)).status).toBe(200);
    const paid = await api.db
      .selectFrom('orders')
      .select(['status', 'provider_txn_id'])
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(paid).toEqual({ status: 'PAID', provider_txn_id: trade.trade_no });
  });
});
