import type { Currency } from '@roundhouse/core';

/** What a customer may choose at checkout (the server's CHECKOUT_PROVIDERS). */
export const CHECKOUT_METHODS = ['ALIPAY', 'WECHATPAY', 'STRIPE'] as const;
export type CheckoutMethod = (typeof CHECKOUT_METHODS)[number];

/** A payment method the server offers and the currencies it charges in. */
export interface OfferedMethod {
  provider: CheckoutMethod;
  currencies: readonly Currency[];
}

/**
 * Used when the server does not say what it offers: the two Chinese providers, which charge in
 * CNY. If one is not configured, orders.create answers with a readable "not available" error.
 */
export const FALLBACK_METHODS: readonly OfferedMethod[] = [
  { provider: 'ALIPAY', currencies: ['CNY'] },
  { provider: 'WECHATPAY', currencies: ['CNY'] },
];

export function isCheckoutMethod(value: unknown): value is CheckoutMethod {
  return typeof value === 'string' && (CHECKOUT_METHODS as readonly string[]).includes(value);
}

/** The offered methods in display order, each marked whether it can charge `currency`. */
export function methodsFor(
  offered: readonly OfferedMethod[],
  currency: Currency,
): { provider: CheckoutMethod; available: boolean }[] {
  return CHECKOUT_METHODS.flatMap((provider) => {
    const method = offered.find((m) => m.provider === provider);
    return method ? [{ provider, available: method.currencies.includes(currency) }] : [];
  });
}

/** Keeps the buyer's choice while it can charge `currency`; otherwise the first that can. */
export function pickMethod(
  offered: readonly OfferedMethod[],
  currency: Currency,
  current: CheckoutMethod | null,
): CheckoutMethod | null {
  const usable = methodsFor(offered, currency).filter((m) => m.available);
  if (current && usable.some((m) => m.provider === current)) return current;
  return usable[0]?.provider ?? null;
}

/**
 * Currencies worth a toggle: those some offered method charges in, in `all`'s order. Falls back
 * to every currency when nothing is offered, so prices still show.
 */
export function payableCurrencies(
  offered: readonly OfferedMethod[],
  all: readonly Currency[],
): Currency[] {
  const payable = all.filter((c) => offered.some((m) => m.currencies.includes(c)));
  return payable.length > 0 ? payable : [...all];
}
