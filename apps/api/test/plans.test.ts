import { CURRENCIES, listPlans } from '@roundhouse/core';
import { expect, it } from 'vitest';
import { plansRouter } from '../src/routers/plans.router';
import { createCallerFactory, createTRPCRouter } from '../src/trpc';
import { anonymous, contextFor } from './support/context';
import { useTestServices } from './support/use-test-db';

const createCaller = createCallerFactory(createTRPCRouter({ plans: plansRouter }));

const { services } = useTestServices();

it('plans.list is public and lists the catalog with a price per currency', async () => {
  const api = createCaller(contextFor(services(), anonymous));
  const plans = await api.plans.list();
  expect(plans.map((plan) => plan.id)).toEqual(['BASIC', 'PRO', 'ENTERPRISE']);
  for (const [index, plan] of listPlans().entries()) {
    expect(plans[index]).toEqual({
      id: plan.id,
      version: plan.version,
      name: plan.name,
      description: plan.description,
      prices: CURRENCIES.map((currency) => ({ currency, amountMinor: plan.prices[currency] })),
      billingPeriod: plan.billingPeriod,
      limits: plan.limits,
      features: plan.features,
    });
  }
  expect(plans[0]?.prices).toEqual([
    { currency: 'CNY', amountMinor: 9_900 },
    { currency: 'USD', amountMinor: 1_499 },
  ]);
});
