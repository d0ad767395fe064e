/** Currencies we bill in have two decimals (fen, cents). */
const DECIMALS = 2;
const AMOUNT = /^\d+(?:\.\d{1,2})?$/;

export type RefundAmountProblem = 'amountFormat' | 'amountZero' | 'amountTooLarge';

/**
 * The refund amount an admin typed (major units: "19.9", "19.90") → integer minor units, or
 * why it can't be sent. At most `remainingMinor` (what has not been refunded yet).
 */
export function parseRefundAmount(
  text: string,
  remainingMinor: number,
): { minor: number } | { problem: RefundAmountProblem } {
  const trimmed = text.trim();
  if (!AMOUNT.test(trimmed)) return { problem: 'amountFormat' };
  const [whole = '0', fraction = ''] = trimmed.split('.');
  // Digits, not floating point: 0.29 * 100 is 28.999999999999996.
  const minor = Number(whole) * 10 ** DECIMALS + Number(fraction.padEnd(DECIMALS, '0'));
  if (minor === 0) return { problem: 'amountZero' };
  if (minor > remainingMinor) return { problem: 'amountTooLarge' };
  return { minor };
}

/** Minor units as the plain number the amount box starts with ("19.90"). */
export function formatMinor(minor: number): string {
  return (minor / 10 ** DECIMALS).toFixed(DECIMALS);
}

/** What can still be refunded of an order (nothing unless it was paid). */
export function refundableMinor(order: {
  status: string;
  amountMinor: number;
  refundedMinor: number;
}): number {
  if (order.status !== 'PAID' && order.status !== 'PARTIALLY_REFUNDED') return 0;
  return Math.max(0, order.amountMinor - order.refundedMinor);
}
