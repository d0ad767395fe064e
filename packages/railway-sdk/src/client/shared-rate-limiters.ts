/**
 * Railway's budget belongs to the token, not to a client object: every client in the process that
 * uses the same token (against the same endpoint) must draw from one limiter.
 */
import { createHash } from 'node:crypto';
import { ConfigurationError } from '@roundhouse/core';
import { type RateBudget, RateLimiter, type RateLimiterOptions } from './rate-limiter';

const limiters = new Map<string, RateLimiter>();

/** A key that identifies the token without keeping it readable in memory dumps or metrics. */
export function rateLimiterKey(endpoint: string, token: string): string {
  return `${endpoint}#${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
}

/** The process-wide limiter for `key`, created on first use. Budgets must agree. */
export function getSharedRateLimiter(
  key: string,
  budget: RateBudget,
  options?: RateLimiterOptions,
): RateLimiter {
  const existing = limiters.get(key);
  if (existing) {
    const { perSecond, perHour } = existing.budget;
    if (perSecond !== budget.perSecond || perHour !== budget.perHour) {
      throw new ConfigurationError(
        `two Railway clients share a token with different rate budgets ` +
          `(${perSecond}/s ${perHour}/h vs ${budget.perSecond}/s ${budget.perHour}/h)`,
      );
    }
    return existing;
  }
  const limiter = new RateLimiter(budget, options);
  limiters.set(key, limiter);
  return limiter;
}
