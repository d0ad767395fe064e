import { describe, expect, it } from 'vitest';
import { normalizeFapiao, validateFapiao } from '../src/features/billing/fapiao-validation';
import { highlightedOrderId } from '../src/features/billing/order-view';
import { daysLeft, subscriptionActions } from '../src/features/billing/subscription-view';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const DAY = 24 * 3600_000;

describe('subscription view', () => {
  it('counts days left rounding up, never below zero', () => {
    expect(daysLeft(new Date(NOW + 10 * DAY), NOW)).toBe(10);
    expect(daysLeft(new Date(NOW + 3600_000), NOW)).toBe(1);
    expect(daysLeft(new Date(NOW - DAY), NOW)).toBe(0);
    expect(daysLeft(null, NOW)).toBeNull();
  });

  it('offers cancel on a running subscription and undo once it is set to cancel', () => {
    const active = { status: 'ACTIVE' as const, cancelAtPeriodEnd: false, currentPeriodEnd: null };
    expect(subscriptionActions(active)).toEqual({
      renew: true,
      cancelAtPeriodEnd: true,
      undoCancel: false,
    });
    expect(subscriptionActions({ ...active, cancelAtPeriodEnd: true })).toEqual({
      renew: true,
      cancelAtPeriodEnd: false,
      undoCancel: true,
    });
  });

  it('lets a suspended subscription renew but not cancel, and ended ones do nothing', () => {
    const base = { cancelAtPeriodEnd: false, currentPeriodEnd: null };
    expect(subscriptionActions({ ...base, status: 'SUSPENDED' })).toEqual({
      renew: true,
      cancelAtPeriodEnd: false,
      undoCancel: false,
    });
    for (const status of ['PENDING', 'CANCELED', 'EXPIRED'] as const) {
      expect(Object.values(subscriptionActions({ ...base, status })).some(Boolean)).toBe(false);
    }
  });
});

describe('highlightedOrderId', () => {
  const orders = [
    { id: 'a', outTradeNo: 'RH-A', createdAt: new Date(NOW - DAY) },
    { id: 'b', outTradeNo: 'RH-B', createdAt: new Date(NOW) },
    { id: 'c', outTradeNo: 'RH-C', createdAt: new Date(NOW - 2 * DAY) },
  ];

  it('highlights the order the return URL names', () => {
    expect(highlightedOrderId(orders, { outTradeNo: 'RH-C' })).toBe('c');
    expect(highlightedOrderId(orders, { orderId: 'a' })).toBe('a');
  });

  it('falls back to the newest order for an unknown or missing reference', () => {
    expect(highlightedOrderId(orders, { outTradeNo: 'RH-forged' })).toBe('b');
    expect(highlightedOrderId(orders, {})).toBe('b');
    expect(highlightedOrderId([], {})).toBeNull();
  });
});

describe('fapiao form', () => {
  const valid = { title: 'Acme 有限公司', taxpayerId: '91310000MA1FL8XQ30', email: 'a@b.cn' };

  it('accepts a complete request, uppercasing and trimming what people type', () => {
    const input = normalizeFapiao({
      title: '  Acme 有限公司 ',
      taxpayerId: ' 91310000ma1fl8xq30 ',
      email: ' a@b.cn',
    });
    expect(input).toEqual(valid);
    expect(validateFapiao(input)).toEqual({});
  });

  it('accepts 15 and 20 character taxpayer ids and rejects other lengths and symbols', () => {
    expect(validateFapiao({ ...valid, taxpayerId: '123456789012345' })).toEqual({});
    expect(validateFapiao({ ...valid, taxpayerId: '1234567890ABCDEFGHIJ' })).toEqual({});
    for (const bad of ['1234567890123456', '91310000MA1FL8XQ3-', '91310000ma1fl8xq30']) {
      expect(validateFapiao({ ...valid, taxpayerId: bad })).toEqual({ taxpayerId: 'taxpayerId' });
    }
  });

  it('reports every missing or malformed field at once', () => {
    expect(validateFapiao({ title: '', taxpayerId: '', email: 'nope' })).toEqual({
      title: 'required',
      taxpayerId: 'required',
      email: 'email',
    });
    expect(validateFapiao({ ...valid, title: 'x'.repeat(101) })).toEqual({ title: 'tooLong' });
  });
});
