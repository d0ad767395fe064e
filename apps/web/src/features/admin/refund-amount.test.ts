import { describe, expect, it } from 'vitest';
import { formatMinor, parseRefundAmount, refundableMinor } from './refund-amount';

describe('refund amount', () => {
  it('reads major units into exact minor units', () => {
    expect(parseRefundAmount('19.9', 5_000)).toEqual({ minor: 1_990 });
    expect(parseRefundAmount(' 0.29 ', 5_000)).toEqual({ minor: 29 });
    expect(parseRefundAmount('50', 5_000)).toEqual({ minor: 5_000 });
  });

  it('refuses malformed, zero and too-large amounts', () => {
    for (const text of ['', 'abc', '1.234', '-1', '1,5', '.5']) {
      expect(parseRefundAmount(text, 5_000)).toEqual({ problem: 'amountFormat' });
    }
    expect(parseRefundAmount('0.00', 5_000)).toEqual({ problem: 'amountZero' });
    expect(parseRefundAmount('50.01', 5_000)).toEqual({ problem: 'amountTooLarge' });
  });

  it('offers what is left of paid orders only', () => {
    expect(refundableMinor({ status: 'PAID', amountMinor: 9_900, refundedMinor: 0 })).toBe(9_900);
    expect(
      refundableMinor({ status: 'PARTIALLY_REFUNDED', amountMinor: 9_900, refundedMinor: 900 }),
    ).toBe(9_000);
    for (const status of ['CREATED', 'CLOSED', 'REFUNDED']) {
      expect(refundableMinor({ status, amountMinor: 9_900, refundedMinor: 0 })).toBe(0);
    }
    expect(formatMinor(9_000)).toBe('90.00');
  });
});
