import { describe, expect, it } from 'vitest';
import {
  FALLBACK_METHODS,
  isCheckoutMethod,
  methodsFor,
  payableCurrencies,
  pickMethod,
  type OfferedMethod,
} from '../src/features/billing/payment-methods';

const ALL = ['ALIPAY', 'WECHATPAY', 'STRIPE'] as const;
const offered: OfferedMethod[] = [
  { provider: 'STRIPE', currencies: ['USD', 'CNY'] },
  { provider: 'ALIPAY', currencies: ['CNY'] },
];

describe('payment method availability', () => {
  it('lists only offered methods, in display order, marking who can charge the currency', () => {
    expect(methodsFor(offered, 'USD')).toEqual([
      { provider: 'ALIPAY', available: false },
      { provider: 'STRIPE', available: true },
    ]);
    expect(methodsFor(offered, 'CNY').every((m) => m.available)).toBe(true);
  });

  it('offers Alipay and WeChat Pay in CNY when the server does not say', () => {
    expect(methodsFor(FALLBACK_METHODS, 'CNY').map((m) => m.provider)).toEqual([
      'ALIPAY',
      'WECHATPAY',
    ]);
    expect(methodsFor(FALLBACK_METHODS, 'USD').some((m) => m.available)).toBe(false);
  });

  it('keeps the chosen method while it can charge, otherwise picks the first that can', () => {
    expect(pickMethod(offered, 'CNY', 'STRIPE')).toBe('STRIPE');
    expect(pickMethod(offered, 'USD', 'ALIPAY')).toBe('STRIPE');
    expect(pickMethod(offered, 'CNY', null)).toBe('ALIPAY');
    expect(pickMethod(FALLBACK_METHODS, 'USD', 'ALIPAY')).toBeNull();
  });

  it('offers a currency toggle only for currencies some method charges', () => {
    expect(payableCurrencies(FALLBACK_METHODS, ['CNY', 'USD'])).toEqual(['CNY']);
    expect(payableCurrencies(offered, ['CNY', 'USD'])).toEqual(['CNY', 'USD']);
    expect(payableCurrencies([], ['CNY', 'USD'])).toEqual(['CNY', 'USD']);
  });

  it('recognises checkout methods and nothing else', () => {
    expect(ALL.every(isCheckoutMethod)).toBe(true);
    expect(isCheckoutMethod('SANDBOX')).toBe(false);
    expect(isCheckoutMethod(undefined)).toBe(false);
  });
});
