import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator, type FaultSpec, type Simulator } from '../index';
import { CREATE_PROJECT, gql } from './helpers';

let sims: Simulator[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

async function start(seed = 1): Promise<Simulator> {
  const sim = await createSimulator({
    rateLimit: { perSecond: 1000, perHour: 100_000 },
    seedTemplates: false,
    seed,
  });
  sims.push(sim);
  return sim;
}

const PING = '{ projects(first: 1) { edges { node { id } } } }';
const projectNamed = (sim: Simulator, name: string) =>
  sim.state.projects().some((p) => p.name === name);

/** The raw HTTP exchange, for faults that break it. */
async function post(
  sim: Simulator,
  query: string,
  variables: Record<string, unknown>,
  timeoutMs?: number,
) {
  return fetch(sim.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${sim.token}` },
    body: JSON.stringify({ query, variables }),
    signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
  });
}

describe('fault kinds', () => {
  it('latency delays the response and changes nothing else', async () => {
    const sim = await start();
    sim.faults.inject({ kind: 'latency', latencyMs: 150 });
    const started = Date.now();
    const res = await gql(sim, PING);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
    expect(sim.counters.faultsByKind.latency).toBe(1);
  });

  it('5xx answers the status and does not execute', async () => {
    const sim = await start();
    sim.faults.inject({ kind: '5xx', status: 502 });
    const res = await gql(sim, CREATE_PROJECT, { name: 'five' });
    expect(res.status).toBe(502);
    expect(projectNamed(sim, 'five')).toBe(false);
  });

  it('429 carries Retry-After and X-RateLimit-* unless it is an edge 429 without headers', async () => {
    const sim = await start();
    sim.faults.inject({ kind: '429', retryAfterS: 7, count: 1 });
    const withHeaders = await gql(sim, PING);
    expect(withHeaders.status).toBe(429);
    expect(withHeaders.headers.get('retry-after')).toBe('7');
    expect(withHeaders.headers.get('x-ratelimit-limit')).toBe('100000');
    expect(withHeaders.headers.get('x-ratelimit-remaining')).toBe('99999'); // the real budget
    sim.faults.inject({ kind: '429', withHeaders: false, count: 1 });
    const edge = await gql(sim, PING);
    expect(edge.status).toBe(429);
    expect(edge.headers.get('retry-after')).toBeNull();
    expect(edge.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('graphql-error answers 200 with the error and does not execute', async () => {
    const sim = await start();
    sim.faults.inject({ kind: 'graphql-error', count: 1 });
    const res = await gql(sim, CREATE_PROJECT, { name: 'ge' });
    expect(res.status).toBe(200);
    expect(res.errors).toEqual([{ message: 'Not Authorized' }]);
    sim.faults.inject({ kind: 'graphql-error', message: 'Problem processing request', count: 1 });
    expect((await gql(sim, PING)).errors?.[0]?.message).toBe('Problem processing request');
    expect(projectNamed(sim, 'ge')).toBe(false);
  });

  it('timeout holds the request past the client timeout; the write was applied', async () => {
    const sim = await start();
    sim.faults.inject({ kind: 'timeout', holdMs: 2_000, operation: 'projectCreate' });
    await expect(post(sim, CREATE_PROJECT, { name: 'held' }, 150)).rejects.toThrow();
    expect(projectNamed(sim, 'held')).toBe(true);
  });

  it('timeout drops the connection once the hold is over; applied: false executes nothing', async () => {
    const sim = await start();
    sim.faults.inject({ kind: 'timeout', holdMs: 100, applied: false });
    await expect(post(sim, CREATE_PROJECT, { name: 'dropped' })).rejects.toThrow();
    expect(projectNamed(sim, 'dropped')).toBe(false);
    expect(sim.requestLog.at(-1)).toMatchObject({ status: 0, fault: 'timeout' });
  });

  it('applied-response-lost executes, then destroys the socket or answers 502', async () => {
    const sim = await start();
    sim.faults.inject({ kind: 'applied-response-lost', count: 1 });
    await expect(post(sim, CREATE_PROJECT, { name: 'lost' })).rejects.toThrow();
    expect(projectNamed(sim, 'lost')).toBe(true);
    sim.faults.inject({ kind: 'applied-response-lost', mode: '502', count: 1 });
    expect((await post(sim, CREATE_PROJECT, { name: 'lost-502' })).status).toBe(502);
    expect(projectNamed(sim, 'lost-502')).toBe(true);
  });
});

describe('fault targeting', () => {
  it('hits only requests selecting the targeted root field', async () => {
    const sim = await start();
    sim.faults.inject({ kind: '5xx', operation: 'projectCreate' });
    expect((await gql(sim, PING)).status).toBe(200);
    expect((await gql(sim, CREATE_PROJECT, { name: 'x' })).status).toBe(503);
  });

  it('fires `count` times, then disappears; clear() removes the rest', async () => {
    const sim = await start();
    sim.faults.inject({ kind: '5xx', count: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await gql(sim, PING)).status);
    expect(statuses).toEqual([503, 503, 200]);
    sim.faults.inject({ kind: '5xx' });
    sim.faults.clear();
    expect((await gql(sim, PING)).status).toBe(200);
  });

  it('fires at `rate`, deterministically for a seed', async () => {
    const pattern = async (seed: number) => {
      const sim = await start(seed);
      sim.faults.inject({ kind: '5xx', rate: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await gql(sim, PING)).status);
      return out;
    };
    const a = await pattern(42);
    expect(await pattern(42)).toEqual(a);
    const failures = a.filter((s) => s === 503).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(25);
  });

  it('rejects a malformed fault', async () => {
    const sim = await start();
    expect(() => sim.faults.inject({ kind: 'meteor' } as unknown as FaultSpec)).toThrow(/kind/);
    expect(() => sim.faults.inject({ kind: '5xx', rate: 2 })).toThrow(/rate/);
    expect(() => sim.faults.inject({ kind: 'latency' })).toThrow(/latencyMs/);
    expect(sim.faults.list()).toEqual([]);
  });
});
