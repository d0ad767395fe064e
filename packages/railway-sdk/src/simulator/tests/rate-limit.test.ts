import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../index';
import { RateLimiter } from '../rate-limit';
import { gql } from './helpers';

let sim: Simulator | undefined;
afterEach(() => sim?.close());

const PING = '{ projects(first: 1) { edges { node { id } } } }';

describe('rate limits over HTTP', () => {
  it('answers 429 with Retry-After past the per-second budget, and every response carries X-RateLimit-*', async () => {
    sim = await createSimulator({
      rateLimit: { perSecond: 3, perHour: 1000 },
      seedTemplates: false,
    });
    const s = sim;
    const responses = await Promise.all(Array.from({ length: 5 }, () => gql(s, PING)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    for (const r of responses) {
      expect(r.headers.get('x-ratelimit-limit')).toBe('1000');
      expect(Number(r.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    }
    const limited = responses.find((r) => r.status === 429)!;
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('997');
    expect(s.counters.rateLimited).toBe(2);
    expect(s.requestLog.filter((e) => e.status === 429)).toHaveLength(2);
  });

  it('counts per token', async () => {
    sim = await createSimulator({
      rateLimit: { perSecond: 2, perHour: 1000 },
      seedTemplates: false,
    });
    const s = sim;
    const other = s.createWorkspace('other');
    await Promise.all([gql(s, PING), gql(s, PING)]);
    expect((await gql(s, PING)).status).toBe(429);
    expect((await gql(s, PING, undefined, { bearer: other.token })).status).toBe(200);
  });

  it('enforces the hourly budget with a long Retry-After', async () => {
    sim = await createSimulator({
      rateLimit: { perSecond: 100, perHour: 3 },
      seedTemplates: false,
    });
    const s = sim;
    for (let i = 0; i < 3; i++)
      expect((await gql(s, PING)).headers.get('x-ratelimit-remaining')).toBe(String(2 - i));
    const res = await gql(s, PING);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(3500);
  });

  it('sends no rate-limit headers when limits are off', async () => {
    sim = await createSimulator({ rateLimit: false, seedTemplates: false });
    expect((await gql(sim, PING)).headers.get('x-ratelimit-limit')).toBeNull();
  });
});

describe('RateLimiter windows', () => {
  it('slides: a request frees its slot exactly one second later', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ perSecond: 2, perHour: 100 }, () => now);
    expect(limiter.check('t').allowed).toBe(true);
    now += 600;
    expect(limiter.check('t').allowed).toBe(true);
    expect(limiter.check('t').allowed).toBe(false);
    now += 399; // 999 ms after the first
    expect(limiter.check('t').allowed).toBe(false);
    now += 1;
    expect(limiter.check('t').allowed).toBe(true);
  });

  it('reports Reset as the epoch second the oldest hourly request leaves the window', () => {
    let now = 5_000_000;
    const limiter = new RateLimiter({ perSecond: 10, perHour: 2 }, () => now);
    limiter.check('t');
    now += 10_000;
    const second = limiter.check('t');
    expect(second.headers['X-RateLimit-Remaining']).toBe('0');
    expect(second.headers['X-RateLimit-Reset']).toBe(
      String(Math.ceil((5_000_000 + 3_600_000) / 1000)),
    );
    const third = limiter.check('t');
    expect(third.allowed).toBe(false);
    expect(third.headers['Retry-After']).toBe(String(3_600_000 / 1000 - 10));
  });

  it('refuses a non-positive budget', () => {
    expect(() => new RateLimiter({ perSecond: 0, perHour: 10 })).toThrow(/positive/);
  });
});
