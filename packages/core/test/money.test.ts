import { describe, expect, it } from 'vitest';
import { ResourceError } from '../src/errors';
import { assertCurrency, fenToYuanString, formatMinor, yuanStringToFen } from '../src/money';

describe('yuanStringToFen', () => {
  it.each([
    ['0.01', 1],
    ['0.1', 10],
    ['0.29', 29],
    ['1', 100],
    ['12.3', 1230],
    ['12.30', 1230],
    ['100', 10_000],
    ['100.00', 10_000],
    ['0', 0],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('parses %j exactly as %d fen', (text, fen) => {
    expect(yuanStringToFen(text)).toBe(fen);
  });

  it.each([
    '1.005',
    ' 1',
    '1 ',
    '-1',
    '+1',
    '1.',
    '.5',
    '01',
    '1e3',
    '1,000',
    '',
    'abc',
    '１',
    '0x10',
    'Infinity',
    '90071992547409.92',
  ])('rejects %j with a ResourceError', (text) => {
    expect(() => yuanStringToFen(text)).toThrow(ResourceError);
  });

  it('rejects non-string input at runtime', () => {
    expect(() => yuanStringToFen(12.3 as unknown as string)).toThrow(/Invalid amount/);
  });

  it('names the problem in its message', () => {
    expect(() => yuanStringToFen('1.005')).toThrow(/"1\.005".*at most 2 decimals/);
  });
});

describe('fenToYuanString', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [10, '0.10'],
    [1230, '12.30'],
    [9900, '99.00'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('formats %d fen as %j', (fen, text) => {
    expect(fenToYuanString(fen)).toBe(text);
  });

  it('round-trips with yuanStringToFen', () => {
    for (let fen = 0; fen < 20_000; fen += 7) {
      expect(yuanStringToFen(fenToYuanString(fen))).toBe(fen);
    }
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects %d', (fen) => {
    expect(() => fenToYuanString(fen)).toThrow(ResourceError);
  });
});

describe('formatMinor', () => {
  it.each([
    [9900, 'CNY', '¥99.00'],
    [1499, 'USD', '$14.99'],
    [5, 'USD', '$0.05'],
    [123_456_789, 'CNY', '¥1,234,567.89'],
    [-1499, 'USD', '-$14.99'],
    [0, 'CNY', '¥0.00'],
  ] as const)('formats %d %s as %j', (amount, currency, text) => {
    expect(formatMinor(amount, currency)).toBe(text);
  });

  it('rejects fractional minor units and unknown currencies', () => {
    expect(() => formatMinor(14.99, 'USD')).toThrow(ResourceError);
    expect(() => formatMinor(100, 'EUR' as 'USD')).toThrow(/Unknown currency "EUR"/);
  });
});

describe('assertCurrency', () => {
  it('accepts the currencies we sell in and rejects others', () => {
    expect(assertCurrency('CNY')).toBe('CNY');
    expect(assertCurrency('USD')).toBe('USD');
    expect(() => assertCurrency('usd')).toThrow(ResourceError);
    expect(() => assertCurrency(undefined)).toThrow(ResourceError);
  });
});
