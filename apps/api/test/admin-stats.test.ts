import type { DeploymentStatus, ErrorClass, InstanceStatus } from '@roundhouse/core';
import { insertInstance, insertSubscription, insertUser } from '@roundhouse/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSignedInAdmin } from './admin-fixtures';

let instanceId: string;
const { db, api } = useSignedInAdmin();
beforeAll(async () => {
  const statuses: InstanceStatus[] = ['RUNNING', 'RUNNING', 'FAILED', 'SUSPENDED'];
  for (const status of statuses) {
    const user = await insertUser(db());
    const instance = await insertInstance(db(), await insertSubscription(db(), user.id), {
      status,
    });
    instanceId = instance.id;
  }
});

const S = 1000;
const NOW = Date.now();

interface Row {
  status: DeploymentStatus;
  queuedAgoS: number;
  /** Seconds after queued_at; null: the phase was skipped or never reached. */
  phases?: [building: number | null, deploying: number, healthCheck: number, finished: number];
  errorClass?: ErrorClass;
}

/** The hand-computed dataset (times in seconds). */
const ROWS: Row[] = [
  { status: 'SUCCEEDED', queuedAgoS: 3 * 3600, phases: [10, 30, 50, 60] },
  { status: 'SUCCEEDED', queuedAgoS: 3 * 3600, phases: [20, 60, 100, 120] },
  { status: 'SUCCEEDED', queuedAgoS: 3 * 3600, phases: [30, 90, 150, 180] },
  // an image source: no build phase
  { status: 'SUCCEEDED', queuedAgoS: 3 * 3600, phases: [null, 100, 200, 240] },
  { status: 'FAILED', queuedAgoS: 3 * 3600, errorClass: 'NETWORK' },
  { status: 'FAILED', queuedAgoS: 3 * 3600 },
  { status: 'TIMED_OUT', queuedAgoS: 3 * 3600, errorClass: 'TIMEOUT' },
  { status: 'CANCELED', queuedAgoS: 3 * 3600 },
  { status: 'BUILDING', queuedAgoS: 60 },
  { status: 'CRASHED', queuedAgoS: 2 * 86_400, errorClass: 'NETWORK' },
  // outside the 30-day window: must not count anywhere
  { status: 'SUCCEEDED', queuedAgoS: 40 * 86_400, phases: [1, 2, 3, 10_000] },
  { status: 'FAILED', queuedAgoS: 40 * 86_400, errorClass: 'CONFIGURATION' },
];

async function insertRows() {
  await db()
    .insertInto('deployments')
    .values(
      ROWS.map((row) => {
        const queued = NOW - row.queuedAgoS * S;
        const at = (offset: number | null | undefined) =>
          offset === null || offset === undefined ? null : new Date(queued + offset * S);
        return {
          instance_id: instanceId,
          kind: 'CLONE' as const,
          status: row.status,
          queued_at: new Date(queued),
          building_at: at(row.phases?.[0]),
          deploying_at: at(row.phases?.[1]),
          health_check_at: at(row.phases?.[2]),
          finished_at: at(row.phases?.[3]),
          error_class: row.errorClass ?? null,
        };
      }),
    )
    .execute();
}

describe('admin.stats', () => {
  it('reports zeros and no rates for an empty window', async () => {
    const stats = await api().stats();
    expect(stats.deployments).toEqual({
      started: 0,
      succeeded: 0,
      failed: 0,
      canceled: 0,
      inFlight: 0,
      successRate: null,
      errorRate: null,
      errorsByClass: {},
    });
    expect(stats.deployTimeMs).toEqual({ avg: null, p50: null, p95: null });
    expect(stats.daily).toHaveLength(30);
  });

  it('matches the hand-computed figures', async () => {
    await insertRows();
    const stats = await api().stats({ days: 30 });

    expect(stats.instances).toEqual({
      total: 4,
      byStatus: expect.objectContaining({ RUNNING: 2, FAILED: 1, SUSPENDED: 1, DEPLOYING: 0 }),
    });
    expect(stats.deployments).toEqual({
      started: 10,
      succeeded: 4,
      failed: 4, // FAILED ×2, TIMED_OUT, CRASHED
      canceled: 1,
      inFlight: 1,
      successRate: 0.5,
      errorRate: 0.5,
      errorsByClass: {
        NETWORK: { count: 2, rate: 0.25 },
        TIMEOUT: { count: 1, rate: 0.125 },
        UNCLASSIFIED: { count: 1, rate: 0.125 },
      },
    });
    // 60, 120, 180, 240 s: avg 150; p50 150; p95 = 180 + 0.85 × 60 = 231 (linear interpolation)
    expect(stats.deployTimeMs).toEqual({ avg: 150_000, p50: 150_000, p95: 231_000 });
    // queued→building 10/20/30; building→deploying 20/40/60; deploying→health 20/40/60/100;
    // health→finished 10/20/30/40 (the skipped build phase doesn't count)
    expect(stats.phaseMs).toEqual({
      queued: 20_000,
      building: 40_000,
      deploying: 55_000,
      healthCheck: 25_000,
    });
  });

  it('gives a per-day UTC series over the whole window, zeros included', async () => {
    const stats = await api().stats({ days: 30 });
    expect(stats.daily).toHaveLength(30);
    expect(stats.daily[0]!.day).toBe(stats.window.from.toISOString().slice(0, 10));
    expect(stats.daily.at(-1)!.day).toBe(stats.window.to.toISOString().slice(0, 10));

    const expected = new Map<string, { started: number; succeeded: number; failed: number }>();
    for (const row of ROWS.filter((r) => r.queuedAgoS < 30 * 86_400)) {
      const day = new Date(NOW - row.queuedAgoS * S).toISOString().slice(0, 10);
      const entry = expected.get(day) ?? { started: 0, succeeded: 0, failed: 0 };
      entry.started += 1;
      if (row.status === 'SUCCEEDED') entry.succeeded += 1;
      if (['FAILED', 'TIMED_OUT', 'CRASHED'].includes(row.status)) entry.failed += 1;
      expected.set(day, entry);
    }
    for (const entry of stats.daily) {
      expect(entry).toEqual({
        day: entry.day,
        ...(expected.get(entry.day) ?? { started: 0, succeeded: 0, failed: 0 }),
      });
    }
    expect(stats.daily.reduce((sum, entry) => sum + entry.started, 0)).toBe(10);
  });

  it('narrows to the window asked for, and refuses windows out of bounds', async () => {
    const today = await api().stats({ days: 1 });
    expect(today.daily).toHaveLength(1);
    expect(today.deployments.started).toBeLessThanOrEqual(9);
    for (const days of [0, 366, 1.5]) {
      await expect(api().stats({ days })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
  });
});
