import { insertInstance, insertOrder, insertSubscription } from '@roundhouse/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_CREATE_LIMIT } from '../src/payments/payment-services';
import { clientError, startTestApi, type TestApi } from './harness';
import { cloneJobsFor, expectPaidStatus, paidNotification, postAlipay } from './payments-fixtures';
import { sql } from 'kysely';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const BASIC_ALIPAY = { plan: 'BASIC', provider: 'ALIPAY', currency: 'CNY' } as const;

describe('orders.create', () => {
  it('prices the order from core and opens a PENDING subscription with a checkout', async () => {
    const { cookie, userId } = await api.signUp();
    const { order, reused } = await api.cookieClient(cookie).orders.create.mutate(BASIC_ALIPAY);
    expect(reused).toBe(false);
    expect(order).toMatchObject({
      plan: 'BASIC',
      kind: 'NEW',
      provider: 'SANDBOX',
      amountMinor: 9_900,
      currency: 'CNY',
      status: 'CREATED',
      checkout: { kind: 'redirect', url: `http://localhost:3000/sandbox/cashier/${order.id}` },
    });
    const minutes = (order.expiresAt!.getTime() - order.createdAt.getTime()) / 60_000;
    expect(minutes).toBeCloseTo(30, 0);
    const subscription = await api.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('id', '=', order.subscriptionId!)
      .executeTakeFirstOrThrow();
    expect(subscription).toMatchObject({ user_id: userId, status: 'PENDING', source: 'PAID' });
  });

  it('returns the open order on a second click, concurrent or not', async () => {
    const { cookie } = await api.signUp();
    const client = api.cookieClient(cookie);
    const results = await Promise.all(
      [1, 2, 3].map(() => client.orders.create.mutate(BASIC_ALIPAY)),
    );
    expect(new Set(results.map((r) => r.order.id)).size).toBe(1);
    expect(results.filter((r) => !r.reused)).toHaveLength(1);
    expect(await client.orders.list.query()).toHaveLength(1);
  });

  it('replaces an expired open order, keeping its subscription', async () => {
    const { cookie } = await api.signUp();
    const client = api.cookieClient(cookie);
    const first = (await client.orders.create.mutate(BASIC_ALIPAY)).order;
    await api.db
      .updateTable('orders')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', first.id)
      .execute();
    const second = await client.orders.create.mutate(BASIC_ALIPAY);
    expect(second.reused).toBe(false);
    expect(second.order.id).not.toBe(first.id);
    expect(second.order.subscriptionId).toBe(first.subscriptionId);
    expect((await client.orders.get.query({ orderId: first.id })).status).toBe('CLOSED');
  });

  it('refuses providers and currencies this slice cannot charge, creating nothing', async () => {
    const { cookie, userId } = await api.signUp();
    const client = api.cookieClient(cookie);
    // WeChat Pay is played by the sandbox (payments-wechatpay.test.ts); Stripe is not.
    for (const input of [
      { ...BASIC_ALIPAY, provider: 'WECHATPAY' as const, currency: 'USD' as const },
      { ...BASIC_ALIPAY, provider: 'STRIPE' as const },
      { ...BASIC_ALIPAY, currency: 'USD' as const },
    ]) {
      expect((await clientError(client.orders.create.mutate(input)))?.code).toBe('BAD_REQUEST');
    }
    const rows = await api.db.selectFrom('orders').where('user_id', '=', userId).execute();
    expect(rows).toHaveLength(0);
  });

  it(`rate-limits order creation to ${ORDER_CREATE_LIMIT} a minute per user`, async () => {
    const { cookie } = await api.signUp();
    const client = api.cookieClient(cookie);
    for (let i = 0; i < ORDER_CREATE_LIMIT; i += 1) await client.orders.create.mutate(BASIC_ALIPAY);
    const refused = await clientError(client.orders.create.mutate(BASIC_ALIPAY));
    expect(refused?.code).toBe('TOO_MANY_REQUESTS');
    // Another user is not affected.
    const other = await api.signUp();
    await expect(
      api.cookieClient(other.cookie).orders.create.mutate(BASIC_ALIPAY),
    ).resolves.toBeDefined();
  });
});

describe('the sandbox, end to end over HTTP', () => {
  it('order → cashier → signed notification → PAID, ACTIVE, PROVISIONING, clone job', async () => {
    const { cookie } = await api.signUp();
    const client = api.cookieClient(cookie);
    const { order } = await client.orders.create.mutate({ ...BASIC_ALIPAY, plan: 'PRO' });
    expect(await client.payments.status.query({ orderId: order.id })).toMatchObject({
      status: 'CREATED',
      paid: false,
      subscription: { status: 'PENDING' },
      instance: null,
    });
    const cashierPath = new URL(order.checkout!.kind === 'redirect' ? order.checkout!.url : '')
      .pathname;

    const page = await api.fetch(cashierPath);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`action="${cashierPath}/pay"`);
    const paid = await api.fetch(`${cashierPath}/pay`, { method: 'POST' });
    expect(paid.status).toBe(200);
    expect(await paid.text()).toContain('200 success');

    await expectPaidStatus(api, client, order.id);
    // A paid order is not payable twice.
    expect((await api.fetch(`${cashierPath}/pay`, { method: 'POST' })).status).toBe(409);
  });

  it('answers 404 for an unknown or malformed cashier order id', async () => {
    expect((await api.fetch('/sandbox/cashier/not-a-uuid')).status).toBe(404);
    expect((await api.fetch(`/sandbox/cashier/${crypto.randomUUID()}`)).status).toBe(404);
  });
});

describe('both orders of one checkout paid', () => {
  it('the second payment extends the period instead of restarting it', async () => {
    const { cookie } = await api.signUp();
    const client = api.cookieClient(cookie);
    const first = (await client.orders.create.mutate(BASIC_ALIPAY)).order;
    await api.db
      .updateTable('orders')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', first.id)
      .execute();
    const second = (await client.orders.create.mutate(BASIC_ALIPAY)).order;
    const row = (o: typeof first) => ({ out_trade_no: o.outTradeNo, amount_minor: o.amountMinor });

    for (const order of [second, first]) {
      expect(await postAlipay(api, paidNotification(api, row(order)))).toEqual({
        status: 200,
        body: 'success',
      });
    }

    const status = await client.payments.status.query({ orderId: first.id });
    expect(status.status).toBe('PAID');
    const days = (status.subscription!.currentPeriodEnd!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(59);
    expect(days).toBeLessThan(61);
    expect(await cloneJobsFor(api.db, status.instance!.id)).toBe(1);
  });
});

describe('a paid renewal', () => {
  it('extends the period, reactivates a SUSPENDED subscription and resumes its instance', async () => {
    const { userId } = await api.signUp();
    const end = new Date(Date.now() - 86_400_000);
    const subscription = await insertSubscription(api.db, userId, { status: 'SUSPENDED' });
    await api.db
      .updateTable('subscriptions')
      .set({
        current_period_start: new Date(end.getTime() - 30 * 86_400_000),
        current_period_end: end,
      })
      .where('id', '=', subscription.id)
      .execute();
    const instance = await insertInstance(api.db, subscription, { status: 'SUSPENDED' });
    const order = await insertOrder(api.db, userId, { plan: subscription.plan });
    await api.db
      .updateTable('orders')
      .set({ kind: 'RENEWAL', subscription_id: subscription.id })
      .where('id', '=', order.id)
      .execute();

    expect(await postAlipay(api, paidNotification(api, order))).toEqual({
      status: 200,
      body: 'success',
    });

    const renewed = await api.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('id', '=', subscription.id)
      .executeTakeFirstOrThrow();
    expect(renewed.status).toBe('ACTIVE');
    // Lapsed: the new period starts at payment, not at the old end.
    expect(renewed.current_period_end!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const jobs = await sql<{ n: string }>`
      select count(*) as n from graphile_worker.jobs
      where task_identifier = 'resume_instance' and key = ${`resume:${instance.id}`}`.execute(
      api.db,
    );
    expect(Number(jobs.rows[0]?.n)).toBe(1);
    const instances = await api.db
      .selectFrom('instances')
      .select('id')
      .where('subscription_id', '=', subscription.id)
      .execute();
    expect(instances).toEqual([{ id: instance.id }]);
  });
});
