import { describe, expect, it } from 'vitest';
import { CURRENCIES, PLAN_IDS } from '../src/enums';
import { ResourceError } from '../src/errors';
import {
  BILLING_PERIOD,
  MODEL_TIERS,
  PLAN_CATALOG_VERSION,
  PLAN_FEATURE_KEYS,
  SUPPORT_LEVELS,
  getPlan,
  listPlans,
  priceOf,
} from '../src/plans';

describe('plan catalog', () => {
  it('lists BASIC, PRO, ENTERPRISE in that order, each reachable by id', () => {
    expect(listPlans().map((plan) => plan.id)).toEqual(['BASIC', 'PRO', 'ENTERPRISE']);
    for (const id of PLAN_IDS) expect(getPlan(id).id).toBe(id);
  });

  it('has the advertised entry prices', () => {
    expect(priceOf('BASIC', 'CNY')).toEqual({ amountMinor: 9_900, currency: 'CNY' });
    expect(priceOf('BASIC', 'USD')).toEqual({ amountMinor: 1_499, currency: 'USD' });
  });

  it('prices every plan in every currency as positive integer minor units', () => {
    for (const plan of listPlans()) {
      for (const currency of CURRENCIES) {
        const { amountMinor } = priceOf(plan.id, currency);
        expect(Number.isSafeInteger(amountMinor) && amountMinor > 0).toBe(true);
      }
    }
  });

  it('charges more and gives at least as much on each higher plan', () => {
    const plans = listPlans();
    for (let i = 1; i < plans.length; i++) {
      const [lower, higher] = [plans[i - 1]!, plans[i]!];
      for (const currency of CURRENCIES) {
        expect(higher.prices[currency]).toBeGreaterThan(lower.prices[currency]);
      }
      expect(higher.limits.maxChannels).toBeGreaterThanOrEqual(lower.limits.maxChannels);
      expect(higher.limits.monthlyMessageQuota).toBeGreaterThan(lower.limits.monthlyMessageQuota);
      expect(higher.limits.memoryMb).toBeGreaterThanOrEqual(lower.limits.memoryMb);
      expect(MODEL_TIERS.indexOf(higher.limits.modelTier)).toBeGreaterThan(
        MODEL_TIERS.indexOf(lower.limits.modelTier),
      );
      expect(SUPPORT_LEVELS.indexOf(higher.limits.supportLevel)).toBeGreaterThanOrEqual(
        SUPPORT_LEVELS.indexOf(lower.limits.supportLevel),
      );
      expect(higher.features).toEqual(expect.arrayContaining([...lower.features]));
    }
  });

  it('versions every plan and bills every 30 days', () => {
    expect(BILLING_PERIOD.days).toBe(30);
    for (const plan of listPlans()) {
      expect(Number.isInteger(plan.version) && plan.version >= 1).toBe(true);
      expect(plan.version).toBeLessThanOrEqual(PLAN_CATALOG_VERSION);
      expect(plan.billingPeriod.days).toBe(30);
      expect(plan.name.zh.length > 0 && plan.name.en.length > 0).toBe(true);
      expect(new Set(plan.features).size).toBe(plan.features.length);
      for (const feature of plan.features) expect(PLAN_FEATURE_KEYS).toContain(feature);
    }
  });

  it('cannot be edited in place by a caller', () => {
    const plan = getPlan('BASIC');
    expect(() => {
      (plan.prices as Record<string, number>).CNY = 1;
    }).toThrow(TypeError);
    expect(() => {
      (plan.features as string[]).push('uptime_sla');
    }).toThrow(TypeError);
    expect(priceOf('BASIC', 'CNY').amountMinor).toBe(9_900);
  });

  it('refuses unknown plans and currencies with a clear error', () => {
    expect(() => getPlan('GOLD')).toThrow(ResourceError);
    expect(() => priceOf('GOLD', 'CNY')).toThrow(/Unknown plan "GOLD"; expected one of BASIC/);
    expect(() => priceOf('basic', 'CNY')).toThrow(/Unknown plan/);
    expect(() => priceOf('PRO', 'EUR')).toThrow(/Unknown currency "EUR"/);
    expect(() => getPlan('toString')).toThrow(ResourceError);
  });
});
