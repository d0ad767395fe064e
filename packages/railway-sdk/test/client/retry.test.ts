import {
  AuthenticationError,
  NetworkError,
  RateLimitError,
  ResourceError,
  type RoundhouseError,
  TimeoutError,
} from '@roundhouse/core';
import { describe, expect, it } from 'vitest';
import type { OperationKind } from '../../src/client/classify';
import { backoffDelay, type RetryPolicy, realSleep, withRetry } from '../../src/client/retry';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };

/** Fails with `errors` in turn, then answers 'ok'; records every sleep. */
function scenario(errors: RoundhouseError[], kind: OperationKind, random = () => 0.5) {
  const sleeps: number[] = [];
  let calls = 0;
  const run = withRetry(
    async () => {
      const error = errors[calls++];
      if (error) throw error;
      return 'ok';
    },
    kind,
    policy,
    { sleep: async (ms) => void sleeps.push(ms), random },
  );
  return { run, sleeps, calls: () => calls };
}

describe('retry', () => {
  it('retries transient read failures with exponential backoff and full jitter', async () => {
    const failures = [
      new NetworkError('502'),
      new TimeoutError('slow'),
      new NetworkError('reset'),
      new NetworkError('503'),
    ];
    const high = scenario(failures, 'read', () => 0.999);
    await expect(high.run).resolves.toBe('ok');
    expect(high.calls()).toBe(5);
    // Ceilings 100, 200, 400, 800 (capped at 1000); full jitter stays below each.
    expect(high.sleeps).toEqual([99, 199, 399, 799]);

    const low = scenario(failures.slice(0, 2), 'read', () => 0);
    await expect(low.run).resolves.toBe('ok');
    expect(low.sleeps).toEqual([0, 0]);
  });

  it('caps the delay at maxDelayMs and gives up after maxAttempts', async () => {
    expect(backoffDelay(10, policy, () => 0.999)).toBe(999);
    const always = scenario(
      Array.from({ length: 9 }, () => new NetworkError('down')),
      'read',
    );
    await expect(always.run).rejects.toBeInstanceOf(NetworkError);
    expect(always.calls()).toBe(policy.maxAttempts);
  });

  it('waits at least Retry-After on a 429', async () => {
    const limited = scenario([new RateLimitError('429', { retryAfterMs: 4000 })], 'read');
    await expect(limited.run).resolves.toBe('ok');
    expect(limited.sleeps).toEqual([4000]);
  });

  it('does not retry errors a retry cannot fix', async () => {
    for (const error of [
      new AuthenticationError('no'),
      new ResourceError('gone', { reason: 'NOT_FOUND' }),
    ]) {
      const once = scenario([error], 'read');
      await expect(once.run).rejects.toBe(error);
      expect(once.calls()).toBe(1);
    }
  });

  it('never retries a write whose outcome is unknown', async () => {
    const timeout = new TimeoutError('slow', { mayHaveBeenApplied: true });
    const write = scenario([timeout], 'write');
    await expect(write.run).rejects.toBe(timeout);
    expect(write.calls()).toBe(1);
    expect(write.sleeps).toEqual([]);
  });

  it('retries a write that surely did not apply (429, refused connection)', async () => {
    const write = scenario(
      [new RateLimitError('429', { retryAfterMs: 1000 }), new NetworkError('ECONNREFUSED')],
      'write',
    );
    await expect(write.run).resolves.toBe('ok');
    expect(write.calls()).toBe(3);
  });

  it('stops at once when the caller aborts while waiting', async () => {
    const controller = new AbortController();
    let calls = 0;
    const run = withRetry(
      async () => {
        calls++;
        throw new NetworkError('down');
      },
      'read',
      { ...policy, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      { sleep: realSleep, random: () => 1, signal: controller.signal },
    );
    setTimeout(() => controller.abort(new Error('job cancelled')), 10);
    await expect(run).rejects.toThrow('job cancelled');
    expect(calls).toBe(1);
  });
});
