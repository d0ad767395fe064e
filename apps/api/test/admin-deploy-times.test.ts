import type { DeploymentStatus } from '@roundhouse/core';
import { insertInstance, insertSubscription, insertUser } from '@roundhouse/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSignedInAdmin } from './admin-fixtures';

let instanceId: string;
const { db, api } = useSignedInAdmin();
beforeAll(async () => {
  const user = await insertUser(db());
  instanceId = (await insertInstance(db(), await insertSubscription(db(), user.id))).id;
});

const NOW = Date.now();

/** Deployments queued `agoS` seconds ago that took `tookS` seconds. */
async function insert(rows: { status: DeploymentStatus; agoS: number; tookS: number }[]) {
  await db()
    .insertInto('deployments')
    .values(
      rows.map(({ status, agoS, tookS }) => ({
        instance_id: instanceId,
        kind: 'CLONE' as const,
        status,
        queued_at: new Date(NOW - agoS * 1000),
        finished_at: new Date(NOW - agoS * 1000 + tookS * 1000),
      })),
    )
    .execute();
}

describe('admin.deployTimes', () => {
  it('gives every bucket, all empty, when nothing ran', async () => {
    const { buckets } = await api().deployTimes();
    expect(buckets).toHaveLength(10);
    expect(buckets.every((b) => b.count === 0)).toBe(true);
    expect(buckets[0]).toEqual({ fromS: 0, toS: 60, count: 0 });
    expect(buckets.at(-1)).toEqual({ fromS: 1200, toS: null, count: 0 });
  });

  it('counts succeeded deployments of the window into [from, to) buckets', async () => {
    await insert([
      { status: 'SUCCEEDED', agoS: 3600, tookS: 30 },
      { status: 'SUCCEEDED', agoS: 3600, tookS: 60 }, // the edge belongs to the next bucket
      { status: 'SUCCEEDED', agoS: 3600, tookS: 119 },
      { status: 'SUCCEEDED', agoS: 3600, tookS: 5000 },
      { status: 'FAILED', agoS: 3600, tookS: 30 }, // not a deploy time
      { status: 'SUCCEEDED', agoS: 40 * 86_400, tookS: 30 }, // outside 30 days
      { status: 'SUCCEEDED', agoS: 10 * 86_400, tookS: 200 }, // outside 7 days only
    ]);
    const month = await api().deployTimes({ days: 30 });
    const counts = Object.fromEntries(month.buckets.map((b) => [b.fromS, b.count]));
    expect(counts).toMatchObject({ 0: 1, 60: 2, 180: 1, 1200: 1 });
    expect(month.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(5);

    const week = await api().deployTimes({ days: 7 });
    expect(week.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(4);
  });

  it('refuses a bad period', async () => {
    await expect(api().deployTimes({ days: 0 })).rejects.toThrow();
    await expect(api().deployTimes({ days: 366 })).rejects.toThrow();
  });
});
