/**
 * Retries with exponential backoff and full jitter (delay = random · min(max, base · 2^n)), and
 * waits at least what Railway asked for in Retry-After.
 *
 * Reads retry on any retryable error. Writes are never retried blindly: only failures known not
 * to have been applied (429, a refused connection — `retryable && !mayHaveBeenApplied`) are
 * retried; a timeout, lost connection or 5xx on a write surfaces with `mayHaveBeenApplied` for the
 * caller to look before trying again.
 */
import { RateLimitError, type RoundhouseError, toRoundhouseError } from '@roundhouse/core';
import type { OperationKind } from './classify';

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
};

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  error: RoundhouseError;
}

export interface RetryDeps {
  sleep: Sleep;
  random: () => number;
  signal?: AbortSignal;
  onRetry?: (info: RetryInfo) => void;
}

export function shouldRetry(error: RoundhouseError, kind: OperationKind): boolean {
  if (!error.retryable) return false;
  return kind === 'read' || !error.mayHaveBeenApplied;
}

/** Delay before attempt `attempt + 1`, after `attempt` failed attempts (1-based). */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}

export async function withRetry<T>(
  run: (attempt: number) => Promise<T>,
  kind: OperationKind,
  policy: RetryPolicy,
  deps: RetryDeps,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (thrown) {
      // The caller's own abort is not Railway's failure: pass it through untouched.
      if (deps.signal?.aborted) throw thrown;
      const error = toRoundhouseError(thrown);
      if (attempt >= policy.maxAttempts || !shouldRetry(error, kind)) throw error;
      const retryAfterMs = error instanceof RateLimitError ? error.retryAfterMs : undefined;
      const delayMs = backoffDelay(attempt, policy, deps.random, retryAfterMs);
      deps.onRetry?.({ attempt, delayMs, error });
      await deps.sleep(delayMs, deps.signal);
    }
  }
}

/** setTimeout as a promise that rejects with the signal's reason on abort. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
