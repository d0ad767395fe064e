import { RateLimitError } from '@roundhouse/core';

/**
 * A per-key fixed-window limiter in memory: enough for one API process guarding order creation
 * (DESIGN §6). Several API replicas would each allow `limit`; the checkout's unique open order
 * per user and plan still bounds what a burst can create.
 */
export interface RateLimiter {
  /** Counts one hit for `key`; throws RateLimitError (with retryAfterMs) past the limit. */
  hit(key: string): void;
}

export function fixedWindowLimiter(
  limit: number,
  windowMs: number,
  now: () => number = Date.now,
): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const at = now();
      let window = windows.get(key);
      if (!window || at - window.start >= windowMs) {
        if (windows.size > 10_000) sweep(windows, at, windowMs);
        window = { start: at, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count > limit) {
        const retryAfterMs = window.start + windowMs - at;
        throw new RateLimitError(
          `Too many requests; try again in ${Math.ceil(retryAfterMs / 1000)} s`,
          { retryAfterMs },
        );
      }
    },
  };
}

function sweep(windows: Map<string, { start: number }>, at: number, windowMs: number): void {
  for (const [key, window] of windows) if (at - window.start >= windowMs) windows.delete(key);
}
