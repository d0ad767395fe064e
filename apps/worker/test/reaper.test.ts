import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDbAndSim } from './support/use-test-db';
import type { TaskContext } from '../src/define-task';
import type { WorkerDeps } from '../src/deps';
import { DeploymentMonitor } from '../src/monitor/deployment-monitor';
import { reapStaleDeploymentsTask } from '../src/tasks/reap-stale-deployments.task';
import { createTestDeps } from './support/worker-harness';
import {
  deployInstance,
  deploymentRow,
  insertAdmin,
  instanceRow,
  notificationsOf,
} from './monitor-setup';

const { testDb, sim } = useTestDbAndSim();
let deps: WorkerDeps;
const TIMEOUT_MS = 600_000;

beforeAll(async () => {
  deps = createTestDeps({
    db: testDb().db,
    sim: sim(),
    overrides: { config: { monitor: { deploymentTimeoutMs: TIMEOUT_MS } } },
  });
});

function reap() {
  const ctx = { ...deps, helpers: {} as never, attempt: 1, isLastAttempt: true } as TaskContext;
  return reapStaleDeploymentsTask.run({}, ctx);
}

/** A deployment nobody hears from: its job died before recording a Railway deployment id. */
async function silentDeployment(instanceId: string, kind: 'CLONE' | 'REDEPLOY') {
  const now = deps.now();
  const deployment = await deps.db
    .insertInto('deployments')
    .values({ instance_id: instanceId, kind, queued_at: now, heartbeat_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await deps.db
    .updateTable('instances')
    .set({ status: 'DEPLOYING', current_deployment_id: deployment.id })
    .where('id', '=', instanceId)
    .execute();
  return deployment;
}

describe('reap_stale_deployments', () => {
  it('times out a silent deployment, fails its instance, and tells the user and the admins', async () => {
    const admin = await insertAdmin(deps.db);
    const { instance, user, deployment: clone } = await deployInstance(deps, sim());
    const silent = await silentDeployment(instance.id, 'CLONE');
    await deps.db
      .updateTable('deployments')
      .set({ status: 'CANCELED' })
      .where('id', '=', clone.id)
      .execute();

    // The monitor has nothing to ask Railway about it, so nothing moves it.
    const monitor = new DeploymentMonitor();
    sim().clock.advance(TIMEOUT_MS / 2);
    await monitor.poll(deps);
    await reap();
    expect((await deploymentRow(deps.db, silent.id)).status).toBe('QUEUED');

    sim().clock.advance(TIMEOUT_MS / 2 + 1_000);
    const fresh = await deployInstance(deps, sim());
    await reap();

    expect(await deploymentRow(deps.db, silent.id)).toMatchObject({
      status: 'TIMED_OUT',
      error_class: 'TIMEOUT',
      error_message: expect.stringContaining('No progress for 10 min while QUEUED'),
    });
    expect(await instanceRow(deps.db, instance.id)).toMatchObject({
      status: 'FAILED',
      error_class: 'TIMEOUT',
    });
    expect((await notificationsOf(deps.db, user.id)).map((n) => n.type)).toEqual([
      'deployment.timed_out',
    ]);
    expect((await notificationsOf(deps.db, admin.id)).map((n) => n.type)).toEqual([
      'deployment.timed_out',
    ]);
    // One that was heard from within the timeout stays in flight.
    expect((await deploymentRow(deps.db, fresh.deployment.id)).status).toBe('QUEUED');
  });

  it('leaves an instance whose previous deployment still serves DEGRADED', async () => {
    const { instance, deployment: clone } = await deployInstance(deps, sim());
    await deps.db
      .updateTable('deployments')
      .set({ status: 'SUCCEEDED' })
      .where('id', '=', clone.id)
      .execute();
    await deps.db
      .updateTable('instances')
      .set({ last_good_deployment_id: clone.id })
      .where('id', '=', instance.id)
      .execute();
    const silent = await silentDeployment(instance.id, 'REDEPLOY');
    sim().clock.advance(TIMEOUT_MS + 1_000);
    await reap();
    expect((await deploymentRow(deps.db, silent.id)).status).toBe('TIMED_OUT');
    expect((await instanceRow(deps.db, instance.id)).status).toBe('DEGRADED');
  });
});
