import { randomUUID } from 'node:crypto';
import type { JobName, JobPayload } from '@roundhouse/core';
import { encrypt } from '@roundhouse/crypto';
import type { Instance } from '@roundhouse/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TaskDefinition } from '../src/define-task';
import { cancelDeploymentTask } from '../src/tasks/cancel-deployment.task';
import { cloneInstanceTask } from '../src/tasks/clone-instance.task';
import { deleteInstanceTask } from '../src/tasks/delete-instance.task';
import { redeployInstanceTask } from '../src/tasks/redeploy-instance.task';
import { restartInstanceTask } from '../src/tasks/restart-instance.task';
import { resumeInstanceTask } from '../src/tasks/resume-instance.task';
import { rollbackInstanceTask } from '../src/tasks/rollback-instance.task';
import { suspendInstanceTask } from '../src/tasks/suspend-instance.task';
import { updateInstanceVariablesTask } from '../src/tasks/update-instance-variables.task';
import {
  deploymentsOf,
  getInstance,
  markSucceeded,
  notificationsOf,
  OPENAI_KEY,
  requestAction,
  type SagaEnv,
  seedInstance,
  startSagaEnv,
  storedText,
  TELEGRAM_TOKEN,
} from './saga-setup';
import { directContext } from '../src/saga/direct-run';

let env: SagaEnv;
beforeAll(async () => {
  env = await startSagaEnv();
});
afterAll(() => env.close());
afterEach(() => env.sim.faults.clear());

/** Long enough on the manual clock for any deployment to reach its verdict on Railway. */
const SETTLE_MS = 120_000;

function run<N extends JobName>(task: TaskDefinition<N>, payload: JobPayload<N>) {
  return task.run(payload, directContext(env.deps));
}

/** A cloned instance whose deployment Railway finished and the monitor declared good. */
async function runningInstance(template: 'single' | 'trading' = 'single'): Promise<Instance> {
  const seeded = await seedInstance(env, { template });
  await run(cloneInstanceTask, { instanceId: seeded.id });
  env.sim.clock.advance(SETTLE_MS);
  await markSucceeded(env.db, seeded.id);
  return getInstance(env.db, seeded.id);
}

const railwayDeployments = (instance: Instance) =>
  env.sim.state.deployments(instance.railway_service_id!).sort((a, b) => a.createdAt - b.createdAt);

async function rowOf(instanceId: string, deploymentId: string) {
  return (await deploymentsOf(env.db, instanceId)).find((row) => row.id === deploymentId)!;
}

describe('lifecycle tasks', () => {
  it('redeploy starts one new deployment of the public service and records its id', async () => {
    const instance = await runningInstance();
    const request = await requestAction(env.db, instance.id, 'REDEPLOY');
    await run(redeployInstanceTask, { instanceId: instance.id, deploymentId: request.id });

    const onRailway = railwayDeployments(instance);
    expect(onRailway).toHaveLength(2);
    const row = await rowOf(instance.id, request.id);
    expect(row).toMatchObject({
      status: 'QUEUED',
      railway_deployment_id: onRailway[1]!.id,
      railway_service_id: instance.railway_service_id,
    });
    expect(row.heartbeat_at).not.toBeNull();
    expect((await getInstance(env.db, instance.id)).status).toBe('DEPLOYING');

    // Running the job again (a duplicate) starts nothing more.
    await run(redeployInstanceTask, { instanceId: instance.id, deploymentId: request.id });
    expect(railwayDeployments(instance)).toHaveLength(2);
  });

  it('a redeploy whose answer was lost adopts the deployment Railway started', async () => {
    const instance = await runningInstance();
    const request = await requestAction(env.db, instance.id, 'REDEPLOY');
    env.sim.faults.inject({
      kind: 'applied-response-lost',
      operation: 'serviceInstanceDeployV2',
      count: 1,
    });
    await run(redeployInstanceTask, { instanceId: instance.id, deploymentId: request.id });
    const onRailway = railwayDeployments(instance);
    expect(onRailway).toHaveLength(2);
    expect((await rowOf(instance.id, request.id)).railway_deployment_id).toBe(onRailway[1]!.id);
  });

  it('restart restarts the serving deployment without a new one; the restart row takes it over', async () => {
    const instance = await runningInstance();
    const [serving] = railwayDeployments(instance);
    const request = await requestAction(env.db, instance.id, 'RESTART');
    await run(restartInstanceTask, { instanceId: instance.id, deploymentId: request.id });

    expect(railwayDeployments(instance)).toEqual([
      expect.objectContaining({ id: serving!.id, status: 'DEPLOYING' }),
    ]);
    expect((await rowOf(instance.id, request.id)).railway_deployment_id).toBe(serving!.id);
    expect(
      (await rowOf(instance.id, instance.current_deployment_id!)).railway_deployment_id,
    ).toBeNull();
  });

  it('rollback goes back to the last good deployment Railway can roll back to', async () => {
    const instance = await runningInstance();
    const redeploy = await requestAction(env.db, instance.id, 'REDEPLOY');
    await run(redeployInstanceTask, { instanceId: instance.id, deploymentId: redeploy.id });
    env.sim.clock.advance(SETTLE_MS);
    await markSucceeded(env.db, instance.id);
    const [first, second] = railwayDeployments(instance);
    expect(first).toMatchObject({ status: 'REMOVED', canRollback: true });

    const request = await requestAction(env.db, instance.id, 'ROLLBACK');
    await run(rollbackInstanceTask, { instanceId: instance.id, deploymentId: request.id });
    const onRailway = railwayDeployments(instance);
    expect(onRailway).toHaveLength(3);
    expect(onRailway[2]).toMatchObject({ reason: 'rollback' });
    expect(onRailway[2]!.id).not.toBe(second!.id);
    expect((await rowOf(instance.id, request.id)).railway_deployment_id).toBe(onRailway[2]!.id);
  });

  it('rollback when the only good deployment is the one serving fails with a clear message and leaves Railway alone', async () => {
    const instance = await runningInstance();
    const request = await requestAction(env.db, instance.id, 'ROLLBACK');
    await run(rollbackInstanceTask, { instanceId: instance.id, deploymentId: request.id });

    expect(railwayDeployments(instance)).toHaveLength(1);
    const row = await rowOf(instance.id, request.id);
    expect(row).toMatchObject({ status: 'FAILED', error_class: 'RESOURCE' });
    expect(row.error_message).toMatch(
      /cannot roll back to deployment .+: it is the deployment serving now\.$/,
    );
    const after = await getInstance(env.db, instance.id);
    expect(after.status).toBe('RUNNING');
    const notifications = await notificationsOf(env.db, instance.user_id);
    expect(notifications.map((n) => n.type)).toContain('deployment.failed');
  });

  it('cancel stops an in-flight redeploy on Railway; the instance keeps serving its last good deployment', async () => {
    const instance = await runningInstance();
    const request = await requestAction(env.db, instance.id, 'REDEPLOY');
    await run(redeployInstanceTask, { instanceId: instance.id, deploymentId: request.id });
    await run(cancelDeploymentTask, { deploymentId: request.id });

    const [serving, canceled] = railwayDeployments(instance);
    expect(canceled).toMatchObject({ status: 'REMOVED' });
    env.sim.clock.advance(SETTLE_MS);
    expect(railwayDeployments(instance)[0]).toMatchObject({ id: serving!.id, status: 'SUCCESS' });
    expect((await rowOf(instance.id, request.id)).status).toBe('CANCELED');
    expect((await getInstance(env.db, instance.id)).status).toBe('RUNNING');
  });

  it('a deployment canceled before its job ran never reaches Railway', async () => {
    const instance = await runningInstance();
    const request = await requestAction(env.db, instance.id, 'REDEPLOY');
    await run(cancelDeploymentTask, { deploymentId: request.id });
    await run(redeployInstanceTask, { instanceId: instance.id, deploymentId: request.id });
    expect(railwayDeployments(instance)).toHaveLength(1);
    expect((await rowOf(instance.id, request.id)).status).toBe('CANCELED');
  });

  it('a variables update writes the rebuilt variables with exactly one redeploy', async () => {
    const instance = await runningInstance();
    const newKey = `sk-proj-${randomUUID().replaceAll('-', '')}`;
    const [openai] = await env.db
      .selectFrom('channel_credentials')
      .select('id')
      .where('subscription_id', '=', instance.subscription_id)
      .where('channel', '=', 'OPENAI')
      .execute();
    const ciphertext = encrypt(env.deps.keyring, JSON.stringify({ apiKey: newKey }), {
      table: 'channel_credentials',
      rowId: openai!.id,
      field: 'ciphertext',
    });
    await env.db
      .updateTable('channel_credentials')
      .set({ ciphertext })
      .where('id', '=', openai!.id)
      .execute();
    await env.db
      .updateTable('channel_credentials')
      .set({ enabled: false })
      .where('subscription_id', '=', instance.subscription_id)
      .where('channel', '=', 'TELEGRAM')
      .execute();

    const request = await requestAction(env.db, instance.id, 'VARIABLES');
    await run(updateInstanceVariablesTask, { instanceId: instance.id, deploymentId: request.id });

    const variables = env.sim.state.variables(
      instance.railway_environment_id!,
      instance.railway_service_id!,
    );
    expect(variables).toMatchObject({
      OPENAI_API_KEY: newKey,
      ENABLED_CHANNELS: '',
      OPENCLAW_STATE_DIR: '/data/.openclaw',
      ROUNDHOUSE_INSTANCE_ID: instance.id,
    });
    expect(variables.TELEGRAM_BOT_TOKEN).toBeUndefined();
    const onRailway = railwayDeployments(instance);
    expect(onRailway).toHaveLength(2);
    expect(onRailway[1]).toMatchObject({ reason: 'variables' });
    expect((await rowOf(instance.id, request.id)).railway_deployment_id).toBe(onRailway[1]!.id);
    const stored = await storedText(env.db);
    for (const secret of [newKey, OPENAI_KEY, TELEGRAM_TOKEN]) expect(stored).not.toContain(secret);
  });

  it('suspend stops every service on Railway; resume deploys them again', async () => {
    const instance = await runningInstance('trading');
    const serviceIds = Object.values(
      instance.railway_services as Record<string, { id: string }>,
    ).map((service) => service.id);
    await run(suspendInstanceTask, { instanceId: instance.id });
    await run(suspendInstanceTask, { instanceId: instance.id });

    for (const serviceId of serviceIds) {
      expect(env.sim.state.deployments(serviceId)).toEqual([
        expect.objectContaining({ status: 'SUCCESS', stopped: true }),
      ]);
    }
    const suspended = await getInstance(env.db, instance.id);
    expect(suspended.status).toBe('SUSPENDED');
    expect(suspended.suspended_at).not.toBeNull();

    await run(resumeInstanceTask, { instanceId: instance.id });
    const resumed = await getInstance(env.db, instance.id);
    expect(resumed).toMatchObject({ status: 'DEPLOYING', suspended_at: null });
    for (const serviceId of serviceIds)
      expect(env.sim.state.deployments(serviceId)).toHaveLength(2);
    const row = await rowOf(instance.id, resumed.current_deployment_id!);
    const newest = railwayDeployments(resumed).at(-1)!;
    expect(row).toMatchObject({
      kind: 'REDEPLOY',
      status: 'QUEUED',
      railway_deployment_id: newest.id,
    });
    const types = (await notificationsOf(env.db, instance.user_id)).map((n) => n.type);
    expect(types).toEqual(expect.arrayContaining(['instance.suspended', 'instance.resumed']));
  });

  it('delete removes the Railway project and is idempotent', async () => {
    const instance = await runningInstance();
    await env.db
      .updateTable('instances')
      .set({ status: 'DELETING' })
      .where('id', '=', instance.id)
      .execute();
    await run(deleteInstanceTask, { instanceId: instance.id });
    await run(deleteInstanceTask, { instanceId: instance.id });

    expect(env.sim.state.projects().map((p) => p.id)).not.toContain(instance.railway_project_id);
    const deleted = await getInstance(env.db, instance.id);
    expect(deleted).toMatchObject({ status: 'DELETED', public_url: null });
    expect(deleted.deleted_at).not.toBeNull();
    const types = (await notificationsOf(env.db, instance.user_id)).map((n) => n.type);
    expect(types.filter((type) => type === 'instance.deleted')).toHaveLength(1);
  });

  it('delete finds a project nobody recorded by its name', async () => {
    const seeded = await seedInstance(env);
    await env.deps.railway.createProject({ name: seeded.name, workspaceId: env.sim.workspaceId });
    await env.db
      .updateTable('instances')
      .set({ status: 'DELETING' })
      .where('id', '=', seeded.id)
      .execute();
    await run(deleteInstanceTask, { instanceId: seeded.id });
    expect(env.sim.state.projects().filter((p) => p.name === seeded.name)).toHaveLength(0);
    expect((await getInstance(env.db, seeded.id)).status).toBe('DELETED');
  });

  it('an action whose instance moved on meanwhile is canceled without touching Railway', async () => {
    const instance = await runningInstance();
    const request = await requestAction(env.db, instance.id, 'REDEPLOY');
    await env.db
      .updateTable('instances')
      .set({ status: 'DELETING' })
      .where('id', '=', instance.id)
      .execute();
    await run(redeployInstanceTask, { instanceId: instance.id, deploymentId: request.id });
    expect(railwayDeployments(instance)).toHaveLength(1);
    expect((await rowOf(instance.id, request.id)).status).toBe('CANCELED');
  });
});
