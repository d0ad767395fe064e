/** Reading Railway's rate-limit headers (DESIGN §4). */

export interface RateLimitHeaders {
  limit?: number;
  remaining?: number;
  /** When the window the server described resets, as epoch ms. */
  resetAtMs?: number;
}

function headerNumber(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** `Retry-After` is either delay-seconds or an HTTP date; returns ms to wait from `now`. */
export function parseRetryAfter(headers: Headers, now: number): number | undefined {
  const raw = headers.get('retry-after');
  if (raw === null || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * `X-RateLimit-Reset` is epoch seconds on Railway; a small number is read as seconds-from-now,
 * which some proxies send instead.
 */
export function parseRateLimitHeaders(headers: Headers, now: number): RateLimitHeaders {
  const reset = headerNumber(headers, 'x-ratelimit-reset');
  const result: RateLimitHeaders = {};
  const limit = headerNumber(headers, 'x-ratelimit-limit');
  const remaining = headerNumber(headers, 'x-ratelimit-remaining');
  if (limit !== undefined) result.limit = limit;
  if (remaining !== undefined) result.remaining = remaining;
  if (reset !== undefined) result.resetAtMs = reset > 1e9 ? reset * 1000 : now + reset * 1000;
  return result;
}
