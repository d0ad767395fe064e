import type { InstanceStatus } from '@roundhouse/core';
import type { Instance, InstanceUpdate } from '@roundhouse/db';
import { insertInstance, insertSubscription, insertUser } from '@roundhouse/db/testing';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { allPages, expectRefusedUnchanged, jobs, useSignedInAdmin } from './admin-fixtures';

const { db, admin, api } = useSignedInAdmin();
beforeEach(async () => {
  await sql`delete from graphile_worker._private_jobs`.execute(db());
});

async function instanceIn(
  status: InstanceStatus,
  values: InstanceUpdate = {},
  subscriptionStatus: 'ACTIVE' | 'EXPIRED' = 'ACTIVE',
): Promise<Instance> {
  const user = await insertUser(db());
  const subscription = await insertSubscription(db(), user.id, { status: subscriptionStatus });
  const instance = await insertInstance(db(), subscription, { status });
  if (Object.keys(values).length === 0) return instance;
  return db()
    .updateTable('instances')
    .set(values)
    .where('id', '=', instance.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

const reachable = (id = crypto.randomUUID()) => ({ public_url: `https://${id}.up.railway.app` });

async function ageInstance(id: string, minutes: number) {
  // updated_at is kept by a trigger; disable it for this one statement's transaction.
  await db()
    .transaction()
    .execute(async (trx) => {
      await sql`alter table instances disable trigger instances_set_updated_at`.execute(trx);
      await sql`update instances set updated_at = now() - make_interval(mins => ${minutes})
              where id = ${id}`.execute(trx);
      await sql`alter table instances enable trigger instances_set_updated_at`.execute(trx);
    });
}

async function auditOf(instanceId: string) {
  return db()
    .selectFrom('audit_log')
    .select(['actor_type', 'actor_id', 'action', 'ip', 'details'])
    .where('target_id', '=', instanceId)
    .execute();
}

describe('admin.instances.needingAttention', () => {
  it('lists failed, degraded, stuck and unhealthy instances with the reason', async () => {
    const failed = await instanceIn('FAILED');
    const degraded = await instanceIn('DEGRADED');
    const stuckProvisioning = await instanceIn('PROVISIONING');
    const stuckDeploying = await instanceIn('DEPLOYING');
    const freshDeploying = await instanceIn('DEPLOYING');
    const unhealthy = await instanceIn('RUNNING', { health_failures: 2 });
    const healthy = await instanceIn('RUNNING');
    const suspended = await instanceIn('SUSPENDED', { health_failures: 3 });
    await ageInstance(stuckProvisioning.id, 45);
    await ageInstance(stuckDeploying.id, 31);
    await ageInstance(freshDeploying.id, 5);
    await ageInstance(failed.id, 60);

    const { items } = await allPages((cursor) =>
      api().instances.needingAttention({ stuckAfterMinutes: 30, limit: 2, cursor }),
    );
    const reasons = Object.fromEntries(items.map((item) => [item.id, item.reason]));
    expect(reasons).toEqual({
      [failed.id]: 'FAILED',
      [degraded.id]: 'DEGRADED',
      [stuckProvisioning.id]: 'STUCK_PROVISIONING',
      [stuckDeploying.id]: 'STUCK_DEPLOYING',
      [unhealthy.id]: 'HEALTH_CHECK_FAILING',
    });
    expect(items).toHaveLength(5);
    // Longest unchanged first.
    expect(items.slice(0, 3).map((item) => item.id)).toEqual([
      failed.id,
      stuckProvisioning.id,
      stuckDeploying.id,
    ]);
    for (const quiet of [freshDeploying, healthy, suspended]) {
      expect(reasons[quiet.id]).toBeUndefined();
    }
    // A longer threshold lets the 31-minute deployment off.
    const lenient = await api().instances.needingAttention({ stuckAfterMinutes: 40, limit: 100 });
    expect(lenient.items.map((item) => item.id)).not.toContain(stuckDeploying.id);
    await db().deleteFrom('instances').execute();
  });
});

describe('admin.instances.healthCheck', () => {
  it('enqueues check_instance_health for the instance, once while pending, and audits', async () => {
    const instance = await instanceIn('DEGRADED', reachable());
    const first = await api().instances.healthCheck({ instanceId: instance.id });
    await api().instances.healthCheck({ instanceId: instance.id });
    expect(await jobs(db())).toEqual([
      {
        task: 'check_instance_health',
        payload: { instanceIds: [instance.id] },
        key: `health:${instance.id}`,
      },
    ]);
    expect(first.instanceId).toBe(instance.id);
    expect(await auditOf(instance.id)).toContainEqual(
      expect.objectContaining({ actor_type: 'ADMIN', actor_id: admin().id, ip: '127.0.0.1' }),
    );
  });

  it('refuses an instance with nothing to check, changing nothing', async () => {
    const provisioning = await instanceIn('PROVISIONING');
    await expectRefusedUnchanged(
      db(),
      () => api().instances.healthCheck({ instanceId: provisioning.id }),
      'BAD_REQUEST',
      /PROVISIONING/,
    );
    await expectRefusedUnchanged(
      db(),
      () => api().instances.healthCheck({ instanceId: crypto.randomUUID() }),
      'NOT_FOUND',
    );
  });
});

describe('admin.instances.suspend and resume', () => {
  it('suspends (status, reason, job, audit) and resumes (DEPLOYING, job, audit)', async () => {
    const instance = await instanceIn('RUNNING', reachable());
    const suspended = await api().instances.suspend({
      instanceId: instance.id,
      reason: 'abuse report #12',
    });
    expect(suspended).toMatchObject({ status: 'SUSPENDED', statusReason: 'abuse report #12' });
    expect(suspended.suspendedAt).toBeInstanceOf(Date);

    const resumed = await api().instances.resume({ instanceId: instance.id });
    expect(resumed).toMatchObject({ status: 'DEPLOYING', statusReason: null, suspendedAt: null });
    expect(await jobs(db())).toEqual([
      {
        task: 'suspend_instance',
        payload: { instanceId: instance.id },
        key: `suspend:${instance.id}`,
      },
      {
        task: 'resume_instance',
        payload: { instanceId: instance.id },
        key: `resume:${instance.id}`,
      },
    ]);
    expect((await auditOf(instance.id)).map((entry) => entry.action)).toEqual([
      'admin.instance.suspend',
      'admin.instance.resume',
    ]);
  });

  it('refuses illegal transitions with the current state, changing nothing', async () => {
    const deleted = await instanceIn('DELETED');
    await expectRefusedUnchanged(
      db(),
      () => api().instances.suspend({ instanceId: deleted.id, reason: 'x' }),
      'BAD_REQUEST',
      /DELETED/,
    );
    const running = await instanceIn('RUNNING');
    await expectRefusedUnchanged(
      db(),
      () => api().instances.resume({ instanceId: running.id }),
      'BAD_REQUEST',
      /RUNNING/,
    );
    const lapsed = await instanceIn('SUSPENDED', {}, 'EXPIRED');
    await expectRefusedUnchanged(
      db(),
      () => api().instances.resume({ instanceId: lapsed.id }),
      'BAD_REQUEST',
      /EXPIRED/,
    );
  });

  it('refuses bad input with BAD_REQUEST, changing nothing', async () => {
    const running = await instanceIn('RUNNING');
    for (const input of [
      { instanceId: running.id, reason: '' },
      { instanceId: running.id, reason: 'x'.repeat(501) },
      { instanceId: 'not-a-uuid', reason: 'x' },
    ]) {
      await expectRefusedUnchanged(db(), () => api().instances.suspend(input), 'BAD_REQUEST');
    }
  });
});

describe('admin.instances.retry', () => {
  it("retries any owner's FAILED clone through the customers' retry", async () => {
    const failed = await instanceIn('FAILED');
    const result = await api().instances.retry({ instanceId: failed.id });
    expect(result).toMatchObject({
      instanceId: failed.id,
      status: 'PROVISIONING',
      deploymentId: null,
    });
    expect(await jobs(db())).toEqual([
      { task: 'clone_instance', payload: { instanceId: failed.id }, key: `clone:${failed.id}` },
    ]);
    expect(await auditOf(failed.id)).toEqual([
      expect.objectContaining({
        actor_type: 'ADMIN',
        actor_id: admin().id,
        action: 'instance.retry',
      }),
    ]);
  });

  it('refuses an instance that is not FAILED, changing nothing', async () => {
    const running = await instanceIn('RUNNING');
    await expectRefusedUnchanged(
      db(),
      () => api().instances.retry({ instanceId: running.id }),
      'BAD_REQUEST',
      /RUNNING/,
    );
  });
});
