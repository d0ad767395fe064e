import type { MonitoredDeployment } from '@roundhouse/db/repositories/monitor';
import { describe, expect, it } from 'vitest';
import { LOG_ITEMS_PER_POLL, LogSchedule } from '../src/monitor/log-sync';

const queuedAt = new Date('2026-01-01T00:00:00Z');

/** A stored in-flight deployment, as listMonitoredDeployments returns it (only what logs use). */
function row(n: number, status: MonitoredDeployment['status']): MonitoredDeployment {
  return {
    id: `row-${n}`,
    status,
    railwayDeploymentId: `rw-${n}`,
    queuedAt,
    buildLogsUntil: null,
    deployLogsUntil: new Date('2026-01-01T00:01:00Z'),
  } as MonitoredDeployment;
}

const planned = (requests: { deploymentId: string; kind: string }[]) =>
  requests.map(({ deploymentId, kind }) => `${deploymentId}:${kind}`);

describe('log streams riding along with the status poll', () => {
  it('asks for the stored phase’s stream, from its cursor, least recently fetched first', () => {
    const schedule = new LogSchedule();
    const rows = [row(0, 'BUILDING'), row(1, 'DEPLOYING')];
    const first = schedule.plan(rows, 1_000);
    expect(first).toEqual([
      {
        deploymentId: 'rw-0',
        kind: 'build',
        since: new Date(queuedAt.getTime() - 60_000),
        limit: 500,
      },
      { deploymentId: 'rw-1', kind: 'deploy', since: rows[1]!.deployLogsUntil, limit: 500 },
    ]);
    // Room is free: with few deployments in flight, every poll carries all of their streams.
    expect(schedule.plan(rows, 6_000)).toHaveLength(2);
  });

  it(`never asks for more than ${LOG_ITEMS_PER_POLL} streams; the rest come in later polls`, () => {
    const schedule = new LogSchedule();
    const rows = Array.from({ length: 30 }, (_, n) => row(n, 'BUILDING'));
    const first = planned(schedule.plan(rows, 1_000));
    const second = planned(schedule.plan(rows, 6_000));
    expect(first).toHaveLength(LOG_ITEMS_PER_POLL);
    // The 10 left out go first, then those fetched longest ago.
    expect(second.slice(0, 10)).toEqual(
      rows.slice(20).map((r) => `${r.railwayDeploymentId}:build`),
    );
    expect(second).toHaveLength(LOG_ITEMS_PER_POLL);
  });

  it('a verdict seen without its lines waits for them; they go first in the next poll', () => {
    const schedule = new LogSchedule();
    const rows = Array.from({ length: 21 }, (_, n) => row(n, 'BUILDING'));
    const late = rows[20]!;
    expect(planned(schedule.plan(rows, 1_000))).not.toContain('rw-20:build');
    // Railway says the build failed, but this poll did not carry its build log.
    expect(schedule.explains(late, 'FAILED', [], true)).toBe(false);
    // Unchanged deployments the poll did not carry owe nothing.
    expect(schedule.explains(rows[0]!, 'BUILDING', [], false)).toBe(true);
    const next = planned(schedule.plan(rows, 6_000));
    expect(next[0]).toBe('rw-20:build');
    expect(schedule.explains(late, 'FAILED', ['build'], true)).toBe(true);
  });

  it('a build that ended unseen owes its last build lines after the phase moved on', () => {
    const schedule = new LogSchedule();
    const building = row(0, 'BUILDING');
    schedule.plan([building], 1_000);
    // The poll carried the build stream but Railway is already deploying: the deploy stream is owed.
    expect(schedule.explains(building, 'DEPLOYING', ['build'], true)).toBe(false);
    const deploying = { ...building, status: 'DEPLOYING' as const };
    expect(planned(schedule.plan([deploying], 6_000))).toEqual(['rw-0:deploy']);
    // Not carried: still owed, and a verdict now waits for it.
    expect(schedule.explains(deploying, 'CRASHED', [], true)).toBe(false);
    expect(schedule.explains(deploying, 'CRASHED', ['deploy'], true)).toBe(true);
  });
});
