/** The limiter against the simulator's enforced budgets: no 429s drawn, Retry-After honoured. */
import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src';
import { maxInAnyWindow } from '../helpers/window';
import { type StartedSim, startSim } from './sim';

let started: StartedSim | undefined;
afterEach(async () => {
  await started?.sim.close();
  started = undefined;
});

function templateService(sim: StartedSim['sim']) {
  const { serviceIds, environmentId } = sim.templates!.trading;
  return { serviceId: Object.values(serviceIds)[0]!, environmentId };
}

describe('rate limits against the simulator', () => {
  it('concurrent callers of several clients never exceed the budget and draw no 429', async () => {
    started = await startSim({ rateLimit: { perSecond: 10, perHour: 1000 } });
    const { sim } = started;
    const clients = [started.client(), started.client(), started.client()];
    const { serviceId, environmentId } = templateService(sim);
    sim.counters.reset();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        clients[i % 3]!.listDeployments(serviceId, environmentId, 1),
      ),
    );
    expect(results.every((list) => list.length === 1)).toBe(true);
    expect(sim.counters.rateLimited).toBe(0);
    expect(sim.counters.requests).toBe(30);
    expect(
      maxInAnyWindow(
        sim.requestLog.map((entry) => entry.at),
        1000,
      ),
    ).toBeLessThanOrEqual(10);
    // The three clients drew from one limiter: 20 of the 30 calls had to queue.
    expect(clients.reduce((sum, client) => sum + client.snapshot().limiterWaits, 0)).toBe(20);
  });

  it('honours Retry-After on a 429 and then succeeds', async () => {
    started = await startSim();
    const { sim } = started;
    const railway = started.client();
    const { serviceId, environmentId } = templateService(sim);
    sim.faults.inject({ kind: '429', operation: 'deployments', count: 1, retryAfterS: 1 });
    sim.counters.reset();
    const list = await railway.listDeployments(serviceId, environmentId, 1);
    expect(list).toHaveLength(1);
    const [limited, retried] = sim.requestLog.filter((entry) =>
      entry.operations.includes('deployments'),
    );
    expect(limited!.status).toBe(429);
    expect(retried!.status).toBe(200);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(1000);
    expect(railway.snapshot()).toMatchObject({ rateLimited: 1, retries: 1 });
  });

  it('retries an edge 429 that carries no headers', async () => {
    started = await startSim();
    const { sim } = started;
    const railway = started.client({ retry: { baseDelayMs: 20 } });
    const { serviceId, environmentId } = templateService(sim);
    sim.faults.inject({ kind: '429', operation: 'deployments', count: 1, withHeaders: false });
    await expect(railway.listDeployments(serviceId, environmentId, 1)).resolves.toHaveLength(1);
    expect(railway.snapshot()).toMatchObject({ rateLimited: 1, retries: 1 });
  });

  it('believes X-RateLimit-Remaining when another process used the token, and queues instead of a 429', async () => {
    const budget = { perSecond: 50, perHour: 30 };
    started = await startSim({ rateLimit: budget });
    const { sim } = started;
    const { serviceId, environmentId } = templateService(sim);
    // "Another process": its own limiter, same token.
    const other = started.client({ rateLimiter: new RateLimiter(budget) });
    await Promise.all(
      Array.from({ length: 26 }, () => other.listDeployments(serviceId, environmentId, 1)),
    );

    const ours = started.client({ rateLimiter: new RateLimiter(budget) });
    await ours.listDeployments(serviceId, environmentId, 1);
    expect(ours.rateLimitState()).toMatchObject({ remainingPerHour: 3 });

    const controller = new AbortController();
    const calls = Array.from({ length: 4 }, () =>
      ours.listDeployments(serviceId, environmentId, 1, { signal: controller.signal }),
    );
    const settled = Promise.allSettled(calls);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ours.rateLimitState()).toMatchObject({ queued: 1, remainingPerHour: 0 });
    controller.abort(new Error('test over'));
    const outcomes = await settled;
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
    ]);
    expect(sim.counters.rateLimited).toBe(0);
  });
});
