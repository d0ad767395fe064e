import type { InstanceStatus } from '@roundhouse/core';
import { findRollbackTarget } from '@roundhouse/db/repositories/deployments';
import { queueDeployment, retryInstance } from '@roundhouse/db/repositories/instance-actions';
import { lockInstance } from '@roundhouse/db/repositories/instances';
import { insertUser } from '@roundhouse/db/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestServices } from './support/use-test-db';
import {
  clearJobs,
  type DeploymentSpec,
  instancesApi,
  jobs,
  seedInstance,
  stateOf,
} from './instances-fixtures';

const { db, services } = useTestServices();
beforeEach(() => clearJobs(db()));

const ok: DeploymentSpec = { status: 'SUCCEEDED' };
const api = (seeded: { user: Parameters<typeof instancesApi>[1] }) =>
  instancesApi(services(), seeded.user);

describe('redeploy, restart and rollback', () => {
  it.each([
    ['redeploy', 'REDEPLOY', 'redeploy_instance', 'RUNNING'],
    ['restart', 'RESTART', 'restart_instance', 'DEGRADED'],
    ['rollback', 'ROLLBACK', 'rollback_instance', 'FAILED'],
  ] as const)(
    '%s records a QUEUED %s deployment and enqueues %s',
    async (verb, kind, task, status) => {
      const seeded = await seedInstance(db(), { status, deployments: [ok, ok] });
      const result = await api(seeded)[verb]({ instanceId: seeded.instance.id });

      const deploymentId = result.deployment?.id as string;
      expect(result).toMatchObject({
        instance: {
          id: seeded.instance.id,
          status: 'DEPLOYING',
          currentDeploymentId: deploymentId,
        },
        deployment: { kind, status: 'QUEUED', progress: 0 },
      });
      const state = await stateOf(db(), seeded.instance.id);
      expect(state.instance).toMatchObject({
        status: 'DEPLOYING',
        current_deployment_id: deploymentId,
        status_reason: `${kind} requested`,
        error_class: null,
      });
      expect(state.deployments.at(-1)).toMatchObject({
        id: deploymentId,
        kind,
        requested_by: seeded.user.id,
        railway_service_id: seeded.instance.railway_service_id,
      });
      expect(await jobs(db())).toEqual([
        {
          task,
          key: `deployment:${deploymentId}`,
          payload: { instanceId: seeded.instance.id, deploymentId },
        },
      ]);
      expect(state.audit).toEqual([
        expect.objectContaining({
          actor_type: 'USER',
          actor_id: seeded.user.id,
          action: `instance.${verb}`,
          target_type: 'instance',
          details: expect.objectContaining({ fromStatus: status, toStatus: 'DEPLOYING' }),
        }),
      ]);
    },
  );

  it('rolls back to the newest good deployment before the one it leaves, as the worker sees it', async () => {
    const seeded = await seedInstance(db(), {
      status: 'RUNNING',
      deployments: [ok, ok, { status: 'FAILED' }, ok],
    });
    const [, target] = seeded.deployments;
    const result = await api(seeded).rollback({ instanceId: seeded.instance.id });
    const found = await findRollbackTarget(db(), {
      instanceId: seeded.instance.id,
      rollbackDeploymentId: result.deployment?.id as string,
    });
    expect(found?.id).toBe(target?.id);
  });

  it('refuses a rollback with no earlier successful deployment on Railway, changing nothing', async () => {
    const notOnRailway: DeploymentSpec = { status: 'SUCCEEDED', onRailway: false };
    for (const deployments of [[ok], [notOnRailway, ok]]) {
      const seeded = await seedInstance(db(), { status: 'RUNNING', deployments });
      const before = await stateOf(db(), seeded.instance.id);
      await expect(api(seeded).rollback({ instanceId: seeded.instance.id })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('no earlier successful deployment'),
      });
      expect(await stateOf(db(), seeded.instance.id)).toEqual(before);
    }
  });
});

describe('illegal states', () => {
  const cases: [string, InstanceStatus, DeploymentSpec[], 'BAD_REQUEST' | 'CONFLICT', string][] = [
    ['redeploy', 'SUSPENDED', [ok], 'BAD_REQUEST', 'it is SUSPENDED'],
    ['restart', 'DELETED', [ok], 'BAD_REQUEST', 'it is DELETED'],
    ['redeploy', 'PROVISIONING', [], 'CONFLICT', 'still being provisioned'],
    ['rollback', 'DELETING', [ok, ok], 'CONFLICT', 'being deleted'],
    [
      'redeploy',
      'DEPLOYING',
      [ok, { status: 'BUILDING' }],
      'CONFLICT',
      'REDEPLOY deployment in progress',
    ],
    [
      'restart',
      'DEGRADED',
      [ok, { status: 'QUEUED', kind: 'VARIABLES' }],
      'CONFLICT',
      'in progress',
    ],
    ['retry', 'RUNNING', [ok], 'BAD_REQUEST', 'retry needs FAILED'],
    ['retry', 'DEPLOYING', [ok, { status: 'DEPLOYING' }], 'CONFLICT', 'in progress'],
    ['cancel', 'RUNNING', [ok], 'BAD_REQUEST', 'no deployment in progress'],
    ['cancel', 'DEPLOYING', [ok, { status: 'HEALTH_CHECK' }], 'BAD_REQUEST', 'too late'],
    ['delete', 'DELETING', [ok], 'CONFLICT', 'already being deleted'],
    ['delete', 'DELETED', [ok], 'BAD_REQUEST', 'it is DELETED'],
  ];
  it.each(cases)(
    '%s on a %s instance → %s, nothing changed',
    async (verb, status, deployments, code, text) => {
      const seeded = await seedInstance(db(), { status, deployments });
      const before = await stateOf(db(), seeded.instance.id);
      const call = api(seeded)[verb as 'redeploy']({ instanceId: seeded.instance.id });
      await expect(call).rejects.toMatchObject({ code, message: expect.stringContaining(text) });
      expect(await stateOf(db(), seeded.instance.id)).toEqual(before);
      expect(await jobs(db())).toEqual([]);
    },
  );

  it('refuses to redeploy an instance without a Railway service', async () => {
    const seeded = await seedInstance(db(), {
      status: 'FAILED',
      onRailway: false,
      deployments: [],
    });
    await expect(api(seeded).redeploy({ instanceId: seeded.instance.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('no Railway service'),
    });
    expect(await jobs(db())).toEqual([]);
  });
});

describe('cancel', () => {
  it('enqueues cancel_deployment for the deployment in flight, once', async () => {
    const seeded = await seedInstance(db(), {
      status: 'DEPLOYING',
      deployments: [ok, { status: 'BUILDING' }],
    });
    const inflight = seeded.deployments[1]?.id as string;
    const result = await api(seeded).cancel({ instanceId: seeded.instance.id });
    expect(result).toMatchObject({
      instance: { status: 'DEPLOYING' },
      deployment: { id: inflight, status: 'BUILDING' },
    });
    expect(await jobs(db())).toEqual([
      {
        task: 'cancel_deployment',
        key: `deployment:${inflight}`,
        payload: { deploymentId: inflight },
      },
    ]);
    const before = await stateOf(db(), seeded.instance.id);
    await expect(api(seeded).cancel({ instanceId: seeded.instance.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('already requested'),
    });
    expect(await stateOf(db(), seeded.instance.id)).toEqual(before);
  });

  it('replaces a redeploy job that has not started, so nothing reaches Railway', async () => {
    const seeded = await seedInstance(db(), { status: 'RUNNING', deployments: [ok] });
    const { deployment } = await api(seeded).redeploy({ instanceId: seeded.instance.id });
    await api(seeded).cancel({ instanceId: seeded.instance.id });
    expect(await jobs(db())).toEqual([
      {
        task: 'cancel_deployment',
        key: `deployment:${deployment?.id}`,
        payload: { deploymentId: deployment?.id },
      },
    ]);
  });
});

describe('retry', () => {
  it('runs the provisioning saga again when the clone never finished', async () => {
    const seeded = await seedInstance(db(), {
      status: 'FAILED',
      provisioned: false,
      onRailway: false,
    });
    const result = await api(seeded).retry({ instanceId: seeded.instance.id });
    expect(result).toMatchObject({ instance: { status: 'PROVISIONING' }, deployment: null });
    const state = await stateOf(db(), seeded.instance.id);
    expect(state.instance).toMatchObject({ status: 'PROVISIONING', error_message: null });
    expect(state.deployments).toEqual([]);
    expect(await jobs(db())).toEqual([
      {
        task: 'clone_instance',
        key: `clone:${seeded.instance.id}`,
        payload: { instanceId: seeded.instance.id },
      },
    ]);
  });

  it('redeploys a provisioned instance', async () => {
    const seeded = await seedInstance(db(), {
      status: 'FAILED',
      deployments: [ok, { status: 'CRASHED' }],
    });
    const result = await api(seeded).retry({ instanceId: seeded.instance.id });
    expect(result).toMatchObject({
      instance: { status: 'DEPLOYING' },
      deployment: { kind: 'REDEPLOY', status: 'QUEUED' },
    });
    expect((await jobs(db())).map((job) => job.task)).toEqual(['redeploy_instance']);
  });

  it('lets an admin retry any owner’s instance, audited as the admin', async () => {
    const seeded = await seedInstance(db(), { status: 'FAILED', provisioned: false });
    const admin = await insertUser(db());
    await retryInstance(db(), {
      instanceId: seeded.instance.id,
      userId: null,
      actor: { actorType: 'ADMIN', actorId: admin.id, ip: '10.0.0.1' },
    });
    const { audit, instance } = await stateOf(db(), seeded.instance.id);
    expect(instance.status).toBe('PROVISIONING');
    expect(audit).toEqual([
      expect.objectContaining({
        actor_type: 'ADMIN',
        actor_id: admin.id,
        ip: '10.0.0.1',
        action: 'instance.retry',
        details: expect.objectContaining({ ownerId: seeded.user.id }),
      }),
    ]);
  });

  it("joins the caller's transaction: rolled back with it", async () => {
    const seeded = await seedInstance(db(), { status: 'FAILED', provisioned: false });
    const before = await stateOf(db(), seeded.instance.id);
    const input = {
      instanceId: seeded.instance.id,
      userId: null,
      actor: { actorType: 'ADMIN' as const, actorId: null },
    };
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await retryInstance(trx, input);
          throw new Error('caller gave up');
        }),
    ).rejects.toThrow('caller gave up');
    expect(await stateOf(db(), seeded.instance.id)).toEqual(before);
  });
});

describe('queueDeployment (shared with the credentials apply path)', () => {
  it('records a VARIABLES deployment and enqueues update_instance_variables', async () => {
    const seeded = await seedInstance(db(), { status: 'RUNNING', deployments: [ok] });
    const result = await db()
      .transaction()
      .execute(async (trx) => {
        const instance = await lockInstance(trx, { instanceId: seeded.instance.id, userId: null });
        return queueDeployment(trx, instance, { kind: 'VARIABLES', requestedBy: seeded.user.id });
      });
    expect(result.instance).toMatchObject({
      status: 'DEPLOYING',
      current_deployment_id: result.deployment?.id,
    });
    expect(await jobs(db())).toEqual([
      {
        task: 'update_instance_variables',
        key: `deployment:${result.deployment?.id}`,
        payload: { instanceId: seeded.instance.id, deploymentId: result.deployment?.id },
      },
    ]);
  });
});

describe('delete', () => {
  it.each(['RUNNING', 'PROVISIONING', 'DEPLOYING', 'SUSPENDED'] as const)(
    'moves a %s instance to DELETING and enqueues delete_instance',
    async (status) => {
      const seeded = await seedInstance(db(), { status, deployments: [ok] });
      const result = await api(seeded).delete({ instanceId: seeded.instance.id });
      expect(result).toMatchObject({ instance: { status: 'DELETING' }, deployment: null });
      expect(await jobs(db())).toEqual([
        {
          task: 'delete_instance',
          key: `delete:${seeded.instance.id}`,
          payload: { instanceId: seeded.instance.id },
        },
      ]);
    },
  );
});

describe('ownership, concurrency and input', () => {
  const verbs = ['redeploy', 'restart', 'rollback', 'cancel', 'retry', 'delete'] as const;

  it("is NOT_FOUND for another customer's instance or an unknown id, changing nothing", async () => {
    const owner = await seedInstance(db(), { status: 'FAILED', deployments: [ok, ok] });
    const stranger = instancesApi(services(), await insertUser(db()));
    const before = await stateOf(db(), owner.instance.id);
    for (const verb of verbs) {
      for (const instanceId of [owner.instance.id, crypto.randomUUID()]) {
        await expect(stranger[verb]({ instanceId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
    }
    expect(await stateOf(db(), owner.instance.id)).toEqual(before);
  });

  it('lets exactly one of two concurrent redeploys through; the other is a CONFLICT', async () => {
    const seeded = await seedInstance(db(), { status: 'RUNNING', deployments: [ok] });
    const results = await Promise.allSettled([
      api(seeded).redeploy({ instanceId: seeded.instance.id }),
      api(seeded).redeploy({ instanceId: seeded.instance.id }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'CONFLICT' });
    const state = await stateOf(db(), seeded.instance.id);
    expect(state.deployments.filter((d) => d.kind === 'REDEPLOY')).toHaveLength(1);
    expect(await jobs(db())).toHaveLength(1);
  });

  it('answers bad input with BAD_REQUEST naming the field, changing nothing', async () => {
    const seeded = await seedInstance(db(), { status: 'RUNNING', deployments: [ok] });
    const before = await stateOf(db(), seeded.instance.id);
    for (const verb of verbs) {
      for (const input of [{ instanceId: 'not-a-uuid' }, {}, { instanceId: 42 }, undefined]) {
        const call = api(seeded)[verb](input as { instanceId: string });
        await expect(call).rejects.toMatchObject({
          code: 'BAD_REQUEST',
          message: expect.stringMatching(/instanceId|expected/i),
        });
      }
    }
    expect(await stateOf(db(), seeded.instance.id)).toEqual(before);
    expect(await jobs(db())).toEqual([]);
  });
});
