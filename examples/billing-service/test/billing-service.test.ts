import { startTestApi, type SignedUp, type TestApi } from '@roundhouse/api/testing';
import { getPlan } from '@roundhouse/core';
import { insertSubscription } from '@roundhouse/db/testing';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBillingService } from '../src/billing-service';

// The real API server on a test database, called over HTTP on a loopback port.
let api: TestApi;
let customer: SignedUp;
const day = 86_400_000;

beforeAll(async () => {
  api = await startTestApi();
  customer = await api.signUp();
});
afterAll(() => api?.close());

async function activeSubscription(plan: 'BASIC' | 'PRO', periodEndsInDays: number) {
  const subscription = await insertSubscription(api.db, customer.userId, {
    plan,
    status: 'ACTIVE',
  });
  await api.db
    .updateTable('subscriptions')
    .set({
      current_period_start: new Date(Date.now() - day),
      current_period_end: new Date(Date.now() + periodEndsInDays * day),
    })
    .where('id', '=', subscription.id)
    .execute();
  return subscription;
}

it('reads plans and subscriptions and stops a renewal with an API key', async () => {
  const basic = await activeSubscription('BASIC', 3);
  const pro = await activeSubscription('PRO', 20);
  const key = await api.createApiKey(customer.cookie, { subscriptions: ['read', 'write'] });
  const billing = createBillingService({ apiUrl: api.url, apiKey: key });

  expect(await billing.recurringRevenue('CNY')).toBe(
    getPlan('BASIC').prices.CNY + getPlan('PRO').prices.CNY,
  );
  expect((await billing.renewalsDue(new Date(Date.now() + 7 * day))).map((s) => s.id)).toEqual([
    basic.id,
  ]);

  const stopped = await billing.stopRenewal(basic.id);
  expect(stopped).toMatchObject({ id: basic.id, cancelAtPeriodEnd: true });
  expect(stopped.currentPeriodEnd).toBeInstanceOf(Date);
  expect(await billing.renewalsDue(new Date(Date.now() + 30 * day))).toEqual([
    expect.objectContaining({ id: pro.id }),
  ]);
  expect(await billing.recurringRevenue('CNY')).toBe(getPlan('PRO').prices.CNY);
});

it('is bound by the permissions of its key', async () => {
  const readOnly = await api.createApiKey(customer.cookie, { subscriptions: ['read'] });
  const billing = createBillingService({ apiUrl: api.url, apiKey: readOnly });
  const [subscription] = await billing.renewalsDue(new Date(Date.now() + 365 * day));
  const error = await billing.stopRenewal(subscription!.id).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCClientError);
  expect((error as TRPCClientError<never>).data).toMatchObject({ code: 'FORBIDDEN' });

  const revoked = createBillingService({ apiUrl: api.url, apiKey: `rh_${'x'.repeat(64)}` });
  await expect(revoked.recurringRevenue('CNY')).rejects.toThrow(/Invalid, disabled or expired/);
});
