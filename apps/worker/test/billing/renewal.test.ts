import { ResourceError } from '@roundhouse/core';
import { openOrder } from '@roundhouse/db/repositories/orders';
import { insertInstance, insertSubscription, insertUser } from '@roundhouse/db/testing';
import { createPaymentAdapters } from '@roundhouse/payments';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../support/use-test-db';
import { days, jobKeysOf, payBySandbox, setPeriod, rowReaders } from './billing-fixtures';

const { testDb } = useTestDb();

const db = () => testDb().db;
const { subscriptionRow } = rowReaders(db);
const adapters = createPaymentAdapters(undefined, 'http://127.0.0.1:9');

/** A subscription of a new user in `status`, its period ending `endsIn` from now, with an instance. */
async function subscriptionIn(
  status: 'ACTIVE' | 'PAST_DUE' | 'SUSPENDED' | 'EXPIRED',
  endsIn: number,
  cancel = false,
) {
  const user = await insertUser(db());
  const inserted = await insertSubscription(db(), user.id, { status });
  const subscription = await setPeriod(db(), inserted.id, {
    current_period_end: new Date(Date.now() + endsIn),
    cancel_at_period_end: cancel,
  });
  const instance = await insertInstance(db(), subscription, {
    status: status === 'SUSPENDED' ? 'SUSPENDED' : 'RUNNING',
  });
  return { user, subscription, instance };
}

const pay = (order: { out_trade_no: string; amount_minor: number }) =>
  payBySandbox(db(), adapters, order);

const renew = (userId: string, subscriptionId: string, plan: 'BASIC' | 'PRO' = 'BASIC') =>
  openOrder(db(), { userId, plan, provider: 'SANDBOX', currency: 'CNY', subscriptionId });

describe('renewal', () => {
  it('extends an ACTIVE subscription by one period from its end and clears cancel-at-period-end', async () => {
    const { user, subscription } = await subscriptionIn('ACTIVE', days(5), true);
    const { order } = await renew(user.id, subscription.id);
    expect(order).toMatchObject({ kind: 'RENEWAL', subscription_id: subscription.id });
    expect((await pay(order)).outcome).toBe('APPLIED');

    const renewed = await subscriptionRow(subscription.id);
    expect(renewed.status).toBe('ACTIVE');
    expect(renewed.cancel_at_period_end).toBe(false);
    expect(renewed.current_period_end!.getTime() - subscription.current_period_end!.getTime()).toBe(
      days(30),
    );
    const instances = await db()
      .selectFrom('instances')
      .select('id')
      .where('subscription_id', '=', subscription.id)
      .execute();
    expect(instances).toHaveLength(1); // no second instance, no clone
  });

  it('reactivates a SUSPENDED subscription from now and queues its instance resume', async () => {
    const { user, subscription, instance } = await subscriptionIn('SUSPENDED', -days(10));
    const { order } = await renew(user.id, subscription.id);
    const before = Date.now();
    expect((await pay(order)).outcome).toBe('APPLIED');

    const renewed = await subscriptionRow(subscription.id);
    expect(renewed.status).toBe('ACTIVE');
    const end = renewed.current_period_end!.getTime();
    expect(end).toBeGreaterThanOrEqual(before + days(30) - 5_000);
    expect(end).toBeLessThanOrEqual(Date.now() + days(30) + 5_000);
    expect(await jobKeysOf(db(), 'resume_instance')).toContain(`resume:${instance.id}`);
  });

  it('reuses the open renewal order on a double click', async () => {
    const { user, subscription } = await subscriptionIn('PAST_DUE', -days(1));
    const first = await renew(user.id, subscription.id);
    const second = await renew(user.id, subscription.id);
    expect(second).toMatchObject({ reused: true, order: { id: first.order.id } });
  });

  it('refuses an expired subscription, another plan and another user’s subscription', async () => {
    const expired = await subscriptionIn('EXPIRED', -days(40));
    await expect(renew(expired.user.id, expired.subscription.id)).rejects.toMatchObject({
      reason: 'ILLEGAL_TRANSITION',
    });
    const active = await subscriptionIn('ACTIVE', days(3));
    await expect(renew(active.user.id, active.subscription.id, 'PRO')).rejects.toMatchObject({
      reason: 'INVALID',
    });
    const stranger = await insertUser(db());
    const refused = renew(stranger.id, active.subscription.id);
    await expect(refused).rejects.toBeInstanceOf(ResourceError);
    await expect(refused).rejects.toMatchObject({ reason: 'NOT_FOUND' });
    const orders = await db()
      .selectFrom('orders')
      .select('id')
      .where('user_id', 'in', [expired.user.id, active.user.id, stranger.id])
      .execute();
    expect(orders).toHaveLength(0);
  });
});
