/** What the checkout page shows of the time left to pay. */
export interface Countdown {
  remainingMs: number;
  expired: boolean;
  /** "mm:ss", or "h:mm:ss" past an hour. */
  label: string;
}

/**
 * Time left until `expiresAt`. Seconds are rounded up so the label never shows 00:00 while the
 * order is still payable; it reads 00:00 exactly when `expired` becomes true.
 */
export function countdown(expiresAt: Date | string | number, now: number): Countdown {
  const remainingMs = Math.max(0, new Date(expiresAt).getTime() - now);
  const total = Math.ceil(remainingMs / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const label =
    hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
  return { remainingMs, expired: remainingMs === 0, label };
}
