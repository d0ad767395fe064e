import type { Order } from '@roundhouse/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness';
import { paidCustomer } from './invoices-fixtures';
import { cloneJobsFor, latestEvent, paidNotification, postAlipay } from './payments-fixtures';

/**
 * A payment that arrives after its subscription can no longer become ACTIVE (issue 6
 * follow-up): the provider took the money, so it is honoured with a fresh subscription and
 * instance for the same plan, the order moves to it, and the webhook is acknowledged (a 500
 * would make Alipay redeliver for a day). A redelivery changes nothing more.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const ACK = { status: 200, body: 'success' };
const DAY_MS = 86_400_000;

const orderRow = (id: string) =>
  api.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const subscriptionRow = (id: string) =>
  api.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const instancesOf = (subscriptionId: string) =>
  api.db
    .selectFrom('instances')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .execute();

/** Pays `order` by notification (and once more, as a redelivery); returns the fresh subscription. */
async function payLate(order: Order, replaced: string) {
  const notification = paidNotification(api, order);
  expect(await postAlipay(api, notification)).toEqual(ACK);
  const paid = await orderRow(order.id);
  expect(paid.status).toBe('PAID');
  expect(paid.subscription_id).not.toBe(replaced);
  const fresh = await subscriptionRow(paid.subscription_id!);
  expect(fresh).toMatchObject({ status: 'ACTIVE', plan: order.plan, user_id: order.user_id });
  expect(fresh.current_period_end!.getTime() - fresh.current_period_start!.getTime()).toBe(
    30 * DAY_MS,
  );
  const [instance, ...others] = await instancesOf(fresh.id);
  expect(others).toEqual([]);
  expect(instance?.status).toBe('PROVISIONING');
  expect(await cloneJobsFor(api.db, instance!.id)).toBe(1);
  expect(await latestEvent(api.db)).toMatchObject({
    outcome: 'APPLIED',
    order_id: order.id,
    error: expect.stringContaining(`provisioned ${fresh.id}`),
  });
  const invoices = await api.db
    .selectFrom('invoices')
    .select('id')
    .where('order_id', '=', order.id)
    .execute();
  expect(invoices).toHaveLength(1);

  // Redelivered: acknowledged, nothing more provisioned.
  expect(await postAlipay(api, notification)).toEqual(ACK);
  expect(await instancesOf(fresh.id)).toHaveLength(1);
  expect((await orderRow(order.id)).subscription_id).toBe(fresh.id);
  return fresh;
}

describe('a renewal paid after its subscription EXPIRED', () => {
  it('provisions a fresh subscription and instance; the expired one stays expired', async () => {
    const { customer, order: first } = await paidCustomer(api);
    const client = api.cookieClient(customer.cookie);
    const subscriptionId = first.subscription_id!;
    const { order } = await client.orders.create.mutate({
      plan: 'BASIC',
      provider: 'ALIPAY',
      currency: 'CNY',
      subscriptionId,
    });
    // The cron ran out of patience meanwhile: retention over, instance deleted.
    await api.db
      .updateTable('subscriptions')
      .set({ status: 'EXPIRED' })
      .where('id', '=', subscriptionId)
      .execute();
    await api.db
      .updateTable('instances')
      .set({ status: 'DELETED' })
      .where('subscription_id', '=', subscriptionId)
      .execute();

    await payLate(await orderRow(order.id), subscriptionId);
    expect((await subscriptionRow(subscriptionId)).status).toBe('EXPIRED');
  });
});

describe('a NEW order paid after its subscription was CANCELED (checkout abandoned)', () => {
  it('is honoured the same way, not answered 500', async () => {
    const customer = await api.signUp();
    const { order } = await api
      .cookieClient(customer.cookie)
      .orders.create.mutate({ plan: 'BASIC', provider: 'ALIPAY', currency: 'CNY' });
    // advance_subscriptions gave up on it: order closed, PENDING subscription canceled.
    await api.db
      .updateTable('orders')
      .set({ status: 'CLOSED' })
      .where('id', '=', order.id)
      .execute();
    await api.db
      .updateTable('subscriptions')
      .set({ status: 'CANCELED' })
      .where('id', '=', order.subscriptionId!)
      .execute();

    await payLate(await orderRow(order.id), order.subscriptionId!);
    expect(await instancesOf(order.subscriptionId!)).toEqual([]);
  });
});
