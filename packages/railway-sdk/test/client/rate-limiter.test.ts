import { ConfigurationError } from '@roundhouse/core';
import { describe, expect, it } from 'vitest';
import { type Grant, RateLimiter } from '../../src/client/rate-limiter';
import { getSharedRateLimiter } from '../../src/client/shared-rate-limiters';
import { flush, manualClock } from '../helpers/manual-clock';
import { maxInAnyWindow } from '../helpers/window';

function setup(budget = { perSecond: 10, perHour: 1000 }, slackMs = 0) {
  const time = manualClock();
  const limiter = new RateLimiter(budget, { clock: time.clock, slackMs });
  const grants: Array<Grant & { caller: number }> = [];
  /** Acquires a slot and, unless `hold`, releases it at once (an instant answer). */
  const request = (caller: number, signal?: AbortSignal, hold = false) =>
    limiter.acquire(signal).then((grant) => {
      grants.push({ ...grant, caller });
      if (!hold) limiter.release(grant);
    });
  return { ...time, limiter, grants, request };
}

describe('rate limiter', () => {
  it('lets the budget through at once and queues the rest FIFO', async () => {
    const { limiter, grants, request, advance, now } = setup();
    const start = now();
    const callers = Array.from({ length: 25 }, (_, i) => request(i));
    await flush();
    expect(grants).toHaveLength(10);
    expect(limiter.state()).toMatchObject({
      queued: 15,
      remainingPerSecond: 0,
      remainingPerHour: 990,
    });
    await advance(999);
    expect(grants).toHaveLength(10);
    await advance(1);
    expect(grants).toHaveLength(20);
    await advance(1000);
    await Promise.all(callers);
    expect(grants.map((grant) => grant.caller)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(grants.at(-1)).toMatchObject({ at: start + 2000, waitedMs: 2000 });
  });

  it('no window the server measures ever holds more than the budget, whatever the latency', async () => {
    const { limiter, advance, now } = setup({ perSecond: 7, perHour: 1000 });
    const arrivals: number[] = [];
    const pending: Promise<void>[] = [];
    let n = 0;
    /** A request whose round trip takes `latency` ms and reaches the server somewhere inside it. */
    const send = async (latency: number, fraction: number) => {
      const grant = await limiter.acquire();
      arrivals.push(now() + Math.floor(latency * fraction));
      await advanceLater(latency);
      limiter.release(grant);
    };
    const timers: Array<{ at: number; resolve: () => void }> = [];
    const advanceLater = (ms: number) =>
      new Promise<void>((resolve) => timers.push({ at: now() + ms, resolve }));
    const tick = async (ms: number) => {
      for (let t = 0; t < ms; t += 5) {
        await advance(5);
        for (const timer of timers.filter((timer) => timer.at <= now())) {
          timers.splice(timers.indexOf(timer), 1);
          timer.resolve();
        }
      }
    };
    // Bursts and trickles at irregular times over ~6 s, round trips of 0–150 ms.
    for (let step = 0; step < 60; step++) {
      const burst = step % 9 === 0 ? 12 : step % 3;
      for (let i = 0; i < burst; i++, n++) pending.push(send((n * 37) % 151, ((n * 13) % 10) / 9));
      await tick(40 + ((step * 53) % 140));
    }
    await tick(20_000);
    await Promise.all(pending);
    expect(arrivals).toHaveLength(n);
    expect(maxInAnyWindow(arrivals, 1000)).toBeLessThanOrEqual(7);
  });

  it('a request in flight holds its slot; the window runs from its answer', async () => {
    const { limiter, grants, request, advance } = setup({ perSecond: 2, perHour: 100 });
    const held = [request(0, undefined, true), request(1, undefined, true)];
    await Promise.all(held);
    const third = request(2);
    await advance(5000);
    expect(grants).toHaveLength(2);
    limiter.release(grants[0]!);
    limiter.release(grants[0]!); // twice is harmless
    await advance(999);
    expect(grants).toHaveLength(2);
    await advance(1);
    await third;
    expect(grants[2]!.waitedMs).toBe(6000);
  });

  it('keeps a safety margin (slack) on the window length', async () => {
    const { grants, request, advance } = setup({ perSecond: 2, perHour: 100 }, 50);
    const all = [request(0), request(1), request(2)];
    await flush();
    await advance(1000);
    expect(grants).toHaveLength(2);
    await advance(50);
    await Promise.all(all);
    expect(grants[2]!.waitedMs).toBe(1050);
  });

  it('meters the hourly budget too', async () => {
    const { grants, request, advance } = setup({ perSecond: 10, perHour: 3 });
    const all = [0, 1, 2, 3].map((i) => request(i));
    await flush();
    await advance(60_000);
    expect(grants).toHaveLength(3);
    await advance(3_600_000);
    await Promise.all(all);
    expect(grants[3]!.waitedMs).toBe(3_600_000);
  });

  it('removes an aborted caller from the queue and moves on', async () => {
    const { limiter, grants, request, advance } = setup({ perSecond: 1, perHour: 100 });
    const controller = new AbortController();
    const first = request(0);
    const second = request(1, controller.signal);
    const third = request(2);
    await flush();
    expect(limiter.state().queued).toBe(2);
    controller.abort(new Error('shutting down'));
    await expect(second).rejects.toThrow('shutting down');
    expect(limiter.state().queued).toBe(1);
    await advance(1000);
    await Promise.all([first, third]);
    expect(grants.map((grant) => grant.caller)).toEqual([0, 2]);
    await expect(limiter.acquire(AbortSignal.abort(new Error('late')))).rejects.toThrow('late');
  });

  it('believes the server when it says fewer requests remain, until its window resets', async () => {
    const { limiter, grants, request, advance, now } = setup({ perSecond: 10, perHour: 1000 });
    await request(0, undefined, true);
    // Another process has been using the token: only 2 left this hour, reset in 60 s.
    limiter.release(grants[0]!, { limit: 1000, remaining: 2, resetAtMs: now() + 60_000 });
    expect(limiter.state().remainingPerHour).toBe(2);
    const more = [1, 2, 3].map((i) => request(i));
    await advance(30_000);
    expect(grants).toHaveLength(3);
    await advance(30_000);
    await Promise.all(more);
    expect(grants[3]!.waitedMs).toBe(60_000);
    expect(limiter.state().remainingPerHour).toBe(996);
  });

  it('counts requests granted after the one the server answered against its remaining', async () => {
    const { limiter, grants, request, now } = setup({ perSecond: 10, perHour: 1000 });
    await Promise.all([0, 1, 2].map((i) => request(i, undefined, true)));
    // The answer to the first request says 5 remain; two more have been sent since.
    limiter.release(grants[0]!, { remaining: 5, resetAtMs: now() + 600_000 });
    expect(limiter.state().remainingPerHour).toBe(3);
  });

  it('ignores a server that reports more room than we counted, and lowers a smaller limit', async () => {
    const { limiter, grants, request, now } = setup({ perSecond: 10, perHour: 1000 });
    await Promise.all([0, 1].map((i) => request(i, undefined, true)));
    limiter.release(grants[0]!, { limit: 1000, remaining: 999_999, resetAtMs: now() + 600_000 });
    expect(limiter.state().remainingPerHour).toBe(998);
    // A per-second window (reset within 2 s) whose limit is below our budget.
    limiter.release(grants[1]!, { limit: 4, remaining: 3, resetAtMs: now() + 1000 });
    // 4 − our own 2 answered requests; the server's 3 is not fewer, so ours stands.
    expect(limiter.state()).toMatchObject({ budget: { perSecond: 4 }, remainingPerSecond: 2 });
  });

  it('holds everyone back after a 429 for Retry-After', async () => {
    const { limiter, grants, request, advance, now } = setup();
    limiter.pause(5000);
    expect(limiter.state().pausedUntil).toBe(now() + 5000);
    const waiting = [request(0), request(1)];
    await advance(4999);
    expect(grants).toHaveLength(0);
    await advance(1);
    await Promise.all(waiting);
    expect(grants).toHaveLength(2);
    expect(limiter.state().pausedUntil).toBeNull();
  });

  it('rejects budgets that are not positive integers', () => {
    expect(() => new RateLimiter({ perSecond: 0, perHour: 10 })).toThrow(ConfigurationError);
    expect(() => new RateLimiter({ perSecond: 1.5, perHour: 10 })).toThrow(ConfigurationError);
  });

  it('shares one limiter per key and refuses a conflicting budget', () => {
    const key = `test-${Math.random()}`;
    const a = getSharedRateLimiter(key, { perSecond: 5, perHour: 50 });
    expect(getSharedRateLimiter(key, { perSecond: 5, perHour: 50 })).toBe(a);
    expect(() => getSharedRateLimiter(key, { perSecond: 50, perHour: 50 })).toThrow(
      ConfigurationError,
    );
    expect(getSharedRateLimiter(`${key}-other`, { perSecond: 5, perHour: 50 })).not.toBe(a);
  });
});
