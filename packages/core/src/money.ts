import { CURRENCIES, type Currency } from './enums';
import { ResourceError } from './errors';

/**
 * Money is integer minor units everywhere (DESIGN §1). These helpers are the only place where
 * minor units meet decimal text: the payment edge (Alipay's `total_amount` is a yuan string) and
 * display. They never use float arithmetic, so '0.29' is 29 fen and not 28.999….
 */
export const CURRENCY_INFO = {
  CNY: { symbol: '¥', decimals: 2 },
  USD: { symbol: '$', decimals: 2 },
} as const satisfies Record<Currency, { symbol: string; decimals: number }>;

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && (CURRENCIES as readonly string[]).includes(value);
}

export function assertCurrency(value: unknown): Currency {
  if (isCurrency(value)) return value;
  throw new ResourceError(`Unknown currency ${describe(value)}; expected one of ${CURRENCIES}`, {
    reason: 'INVALID',
  });
}

/** '12.30' → 1230. Rejects negatives, signs, spaces, exponents, leading zeros and > 2 decimals. */
export function yuanStringToFen(text: string): number {
  return decimalStringToMinor(text, CURRENCY_INFO.CNY.decimals);
}

/** 1230 → '12.30'; the inverse of `yuanStringToFen` for non-negative integers. */
export function fenToYuanString(fen: number): string {
  assertMinorInteger(fen);
  if (fen < 0) throw invalidAmount(fen, 'must not be negative');
  return minorToDecimalString(fen, CURRENCY_INFO.CNY.decimals);
}

/** 123456 CNY → '¥1,234.56'; negative amounts (credit notes) → '-¥1,234.56'. */
export function formatMinor(amountMinor: number, currency: Currency): string {
  assertMinorInteger(amountMinor);
  const { symbol, decimals } = CURRENCY_INFO[assertCurrency(currency)];
  const sign = amountMinor < 0 ? '-' : '';
  const [whole = '0', fraction] = minorToDecimalString(Math.abs(amountMinor), decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${symbol}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

function decimalStringToMinor(text: string, decimals: number): number {
  const match =
    typeof text === 'string'
      ? new RegExp(`^(0|[1-9]\\d*)(?:\\.(\\d{1,${decimals}}))?$`).exec(text)
      : null;
  if (!match) {
    throw invalidAmount(text, `expected a non-negative decimal with at most ${decimals} decimals`);
  }
  const [, whole = '0', fraction = ''] = match;
  // BigInt keeps the arithmetic exact until we know the result fits a safe integer.
  const minor = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidAmount(text, 'is too large');
  return Number(minor);
}

function minorToDecimalString(minor: number, decimals: number): string {
  const unit = 10 ** decimals;
  const fraction = minor % unit;
  // (minor - fraction) is an exact multiple of unit, so this division is exact; minor / unit
  // followed by floor could round up for amounts near MAX_SAFE_INTEGER.
  const whole = (minor - fraction) / unit;
  if (decimals === 0) return String(whole);
  return `${whole}.${String(fraction).padStart(decimals, '0')}`;
}

function assertMinorInteger(amount: number): void {
  if (!Number.isSafeInteger(amount))
    throw invalidAmount(amount, 'must be an integer (minor units)');
}

function invalidAmount(value: unknown, problem: string): ResourceError {
  return new ResourceError(`Invalid amount ${describe(value)}: ${problem}`, { reason: 'INVALID' });
}

/** Quoted and bounded, so a hostile input cannot blow up a log line. */
function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
