import type { SubscriptionStatus } from '@roundhouse/core';
import { createTestDatabase, type TestDatabase } from '@roundhouse/db/testing';
import { createSimulator, type Simulator } from '@roundhouse/railway-sdk/simulator';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerDeps } from '../src/deps';
import { DeploymentMonitor } from '../src/monitor/deployment-monitor';
import { createTestDeps } from './support/worker-harness';
import { deployInstance, deploymentRow, instanceRow } from './monitor-setup';

/**
 * A clone that finishes after its subscription stopped paying (a full refund while it was
 * PROVISIONING, or an expiry): the instance reaches RUNNING and is suspended right away (issue
 * 6 follow-up). A paid-up subscription's instance is left running.
 */
let testDb: TestDatabase;
let sim: Simulator;
let deps: WorkerDeps;

beforeAll(async () => {
  [testDb, sim] = await Promise.all([createTestDatabase(), createSimulator({ clock: 'manual' })]);
  deps = createTestDeps({ db: testDb.db, sim });
});
afterAll(async () => {
  await Promise.all([sim?.close(), testDb?.destroy()]);
});

/** Deploys an instance whose subscription becomes `status` meanwhile; polls to the verdict. */
async function cloneFinishingUnder(status: SubscriptionStatus) {
  const { instance, deployment } = await deployInstance(deps, sim);
  await deps.db
    .updateTable('subscriptions')
    .set({ status })
    .where('id', '=', instance.subscription_id)
    .execute();
  const monitor = new DeploymentMonitor();
  for (let i = 0; i < 60; i++) {
    await monitor.poll(deps);
    if ((await deploymentRow(deps.db, deployment.id)).status === 'SUCCEEDED') break;
    sim.clock.advance(5_000);
  }
  expect(await instanceRow(deps.db, instance.id)).toMatchObject({ status: 'RUNNING' });
  const jobs = await sql<{ task_identifier: string }>`
    select task_identifier from graphile_worker.jobs where key = ${`suspend:${instance.id}`}`.execute(
    deps.db,
  );
  return jobs.rows.map((row) => row.task_identifier);
}

describe('an instance reaching RUNNING', () => {
  it.each(['CANCELED', 'EXPIRED'] as const)(
    'is suspended (one job, under its key) when its subscription is %s',
    async (status) => {
      expect(await cloneFinishingUnder(status)).toEqual(['suspend_instance']);
    },
  );

  it.each(['ACTIVE', 'PAST_DUE'] as const)(
    'keeps running when its subscription is %s',
    async (status) => {
      expect(await cloneFinishingUnder(status)).toEqual([]);
    },
  );
});
