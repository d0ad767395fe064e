import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../index';
import { createApp, ok, PHASES, UP } from './helpers';

let sim: Simulator;
beforeEach(async () => {
  sim = await createSimulator({
    clock: 'manual',
    rateLimit: false,
    seedTemplates: false,
    heartbeatMs: 60_000,
  });
});
afterEach(() => sim.close());

interface Line {
  message: string;
  timestamp: string;
  severity: string;
  tags: { deploymentId: string };
}

async function logs(
  kind: 'buildLogs' | 'deploymentLogs',
  deploymentId: string,
  args: { startDate?: string; endDate?: string; limit?: number; filter?: string } = {},
): Promise<Line[]> {
  const query = `query($id: String!, $start: DateTime, $end: DateTime, $limit: Int, $filter: String) {
    ${kind}(deploymentId: $id, startDate: $start, endDate: $end, limit: $limit, filter: $filter) {
      message timestamp severity tags { deploymentId }
    }
  }`;
  const data = await ok(sim, query, {
    id: deploymentId,
    start: args.startDate,
    end: args.endDate,
    limit: args.limit,
    filter: args.filter,
  });
  return data[kind];
}

const iso = (ms: number) => new Date(ms).toISOString();
const times = (lines: Line[]) => lines.map((l) => Date.parse(l.timestamp));

describe('build logs', () => {
  it('grow while the deployment builds and carry its tags', async () => {
    const app = await createApp(sim);
    const early = await logs('buildLogs', app.deploymentId);
    sim.clock.advance(PHASES.initializing + PHASES.queued + PHASES.building / 2);
    const mid = await logs('buildLogs', app.deploymentId);
    sim.clock.advance(UP);
    const done = await logs('buildLogs', app.deploymentId);
    expect(early.length).toBeLessThan(mid.length);
    expect(mid.length).toBeLessThan(done.length);
    expect(done.every((l) => l.tags.deploymentId === app.deploymentId)).toBe(true);
    expect(times(done)).toEqual([...times(done)].sort((a, b) => a - b));
    expect(done.map((l) => l.message)).toContain('Pulling image ghcr.io/openclaw/openclaw:latest');
    expect(Math.max(...times(done))).toBeLessThanOrEqual(sim.clock.now());
  });

  it('end with an error line when the build fails', async () => {
    sim.outcomes.set({}, { result: 'build-failure' });
    const app = await createApp(sim);
    sim.clock.advance(UP);
    const lines = await logs('buildLogs', app.deploymentId);
    expect(lines.at(-1)).toMatchObject({
      severity: 'error',
      message: expect.stringMatching(/^ERROR: failed to build/),
    });
    expect(await logs('deploymentLogs', app.deploymentId)).toEqual([]);
  });
});

describe('deploy logs', () => {
  it('include the start-up lines and echo a *_TOKEN value, as real apps do', async () => {
    const app = await createApp(sim, 'app', { PORT: '9000', TELEGRAM_BOT_TOKEN: 'tg-secret-42' });
    sim.clock.advance(UP);
    const messages = (await logs('deploymentLogs', app.deploymentId)).map((l) => l.message);
    expect(messages[0]).toBe('Starting Container');
    expect(messages).toContain('[config] TELEGRAM_BOT_TOKEN=tg-secret-42');
    expect(messages).toContain('Server listening on http://0.0.0.0:9000');
  });

  it('end in a stack trace when the app crashes', async () => {
    sim.outcomes.set({}, { result: 'crash', phaseMs: { crashAfter: 5_000 } });
    const app = await createApp(sim);
    sim.clock.advance(UP + 5_000);
    const lines = await logs('deploymentLogs', app.deploymentId);
    const errors = lines.filter((l) => l.severity === 'error').map((l) => l.message);
    expect(errors[0]).toMatch(/^Error: /);
    expect(errors.some((m) => m.trimStart().startsWith('at '))).toBe(true);
    expect(lines.at(-1)?.message).toBe('Process exited with code 1');
    const stamps = times(lines);
    expect(new Set(stamps).size).toBe(stamps.length); // one line per millisecond: safe to page on
  });
});

describe('windows and limits', () => {
  it('returns the newest `limit` lines without a startDate, the oldest from a startDate on', async () => {
    const app = await createApp(sim);
    sim.clock.advance(UP + 10 * 60_000); // ten heartbeats
    const all = await logs('deploymentLogs', app.deploymentId, { limit: 5000 });
    expect(all.length).toBeGreaterThan(10);
    const newest = await logs('deploymentLogs', app.deploymentId, { limit: 3 });
    expect(newest).toEqual(all.slice(-3));
    const from = all[2]!.timestamp;
    const oldest = await logs('deploymentLogs', app.deploymentId, { startDate: from, limit: 3 });
    expect(oldest).toEqual(all.slice(2, 5)); // startDate is inclusive
  });

  it('honours endDate (exclusive) and defaults to 100 lines', async () => {
    const app = await createApp(sim);
    sim.clock.advance(UP + 200 * 60_000);
    const all = await logs('deploymentLogs', app.deploymentId, { limit: 5000 });
    expect(await logs('deploymentLogs', app.deploymentId)).toHaveLength(100);
    const cut = all[20]!.timestamp;
    const before = await logs('deploymentLogs', app.deploymentId, { endDate: cut, limit: 5000 });
    expect(before).toEqual(all.slice(0, 20));
    const between = await logs('deploymentLogs', app.deploymentId, {
      startDate: all[5]!.timestamp,
      endDate: cut,
      limit: 5000,
    });
    expect(between).toEqual(all.slice(5, 20));
  });

  it('never returns more than 5000 lines', async () => {
    const app = await createApp(sim);
    sim.clock.advance(UP + 7 * 24 * 60 * 60_000); // a week of heartbeats: ~10,000 lines
    expect(await logs('deploymentLogs', app.deploymentId, { limit: 100_000 })).toHaveLength(5000);
  });

  it('can be read incrementally page by page without losing or repeating lines', async () => {
    const app = await createApp(sim);
    sim.clock.advance(UP + 3 * 24 * 60 * 60_000); // ~4,300 lines
    const all = await logs('deploymentLogs', app.deploymentId, { limit: 5000 });
    expect(all.length).toBeGreaterThan(4000);
    const pages: Line[] = [];
    let since = iso(0);
    for (let page = 0; page < 10; page++) {
      const batch = await logs('deploymentLogs', app.deploymentId, {
        startDate: since,
        limit: 1000,
      });
      pages.push(...batch);
      if (batch.length < 1000) break;
      since = iso(Date.parse(batch.at(-1)!.timestamp) + 1);
    }
    expect(pages).toEqual(all);
  });

  it('filters by text and by level', async () => {
    sim.outcomes.set({}, { result: 'crash', phaseMs: { crashAfter: 5 * 60_000 } });
    const app = await createApp(sim);
    sim.clock.advance(UP + 5 * 60_000);
    const heartbeats = await logs('deploymentLogs', app.deploymentId, { filter: 'heartbeat' });
    expect(heartbeats.length).toBeGreaterThan(0);
    expect(heartbeats.every((l) => l.message.includes('heartbeat'))).toBe(true);
    const errors = await logs('deploymentLogs', app.deploymentId, { filter: '@level:error' });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((l) => l.severity === 'error')).toBe(true);
  });
});
