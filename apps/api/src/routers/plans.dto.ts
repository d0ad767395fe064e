import { CURRENCIES, type Plan } from '@roundhouse/core';

/** A plan as clients see it: prices per currency in minor units (fen / cents). */
export function planDto(plan: Plan) {
  return {
    id: plan.id,
    version: plan.version,
    name: { ...plan.name },
    description: { ...plan.description },
    prices: CURRENCIES.map((currency) => ({ currency, amountMinor: plan.prices[currency] })),
    billingPeriod: { ...plan.billingPeriod },
    limits: { ...plan.limits },
    features: [...plan.features],
  };
}

export type PlanDto = ReturnType<typeof planDto>;
