import { provisionSubscription } from '@roundhouse/db/repositories/provisioning';
import { insertInstance, insertSubscription, insertUser } from '@roundhouse/db/testing';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestServices } from './support/use-test-db';
import {
  adminApi,
  adminServices,
  expectRefusedUnchanged,
  insertAdmin,
  jobs,
  signedInAdmin,
  TEMPLATE,
} from './admin-fixtures';
import { apiKeyCaller, sessionCaller } from './support/context';

const { db, services } = useTestServices(adminServices);
beforeEach(async () => {
  await sql`delete from graphile_worker._private_jobs`.execute(db());
});

const DAY_MS = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);

/** What provisioning left behind for a subscription, with its ids replaced by roles. */
async function provisioned(subscriptionId: string) {
  const subscription = await db()
    .selectFrom('subscriptions')
    .selectAll()
    .where('id', '=', subscriptionId)
    .executeTakeFirstOrThrow();
  const instances = await db()
    .selectFrom('instances')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .execute();
  const instance = instances[0]!;
  const instanceJobs = (await jobs(db())).filter((job) =>
    JSON.stringify(job.payload).includes(instance.id),
  );
  return {
    subscription: {
      status: subscription.status,
      periodEnd: subscription.current_period_end,
      periodStarted: subscription.current_period_start !== null,
      plan: subscription.plan,
      planVersion: subscription.plan_version,
    },
    instanceCount: instances.length,
    instance: {
      status: instance.status,
      name: instance.name.replace(instance.id, '<id>'),
      templateProjectId: instance.template_project_id,
      templateServiceId: instance.template_service_id,
      userId: instance.user_id,
    },
    jobs: instanceJobs.map((job) => ({
      task: job.task,
      payload: JSON.stringify(job.payload).replace(instance.id, '<id>'),
      key: job.key?.replace(instance.id, '<id>'),
    })),
  };
}

describe('admin.grantSubscription', () => {
  it('provisions exactly like a paid subscription going through provisionSubscription', async () => {
    const { admin, api } = await signedInAdmin(services());
    const periodEnd = inDays(14);

    const granted = await api.grantSubscription({
      userId: (await insertUser(db())).id,
      plan: 'PRO',
      source: 'TRIAL',
      periodEnd,
    });

    // The payments issue's path: a PENDING paid subscription, activated on payment.
    const payer = await insertUser(db());
    const paid = await insertSubscription(db(), payer.id, { plan: 'PRO' });
    await db()
      .transaction()
      .execute((trx) =>
        provisionSubscription(trx, { subscriptionId: paid.id, periodEnd, template: TEMPLATE }),
      );

    const viaGrant = await provisioned(granted.subscription.id);
    const viaPayment = await provisioned(paid.id);
    expect({ ...viaGrant, instance: { ...viaGrant.instance, userId: 'owner' } }).toEqual({
      ...viaPayment,
      instance: { ...viaPayment.instance, userId: 'owner' },
    });
    expect(viaGrant).toMatchObject({
      subscription: { status: 'ACTIVE', periodEnd, periodStarted: true, plan: 'PRO' },
      instanceCount: 1,
      instance: {
        status: 'PROVISIONING',
        name: 'rh-<id>',
        templateProjectId: TEMPLATE.projectId,
        templateServiceId: TEMPLATE.serviceId,
      },
      jobs: [{ task: 'clone_instance', payload: '{"instanceId":"<id>"}', key: 'clone:<id>' }],
    });
    expect(granted).toMatchObject({
      subscription: { source: 'TRIAL', status: 'ACTIVE', plan: 'PRO' },
      instance: { status: 'PROVISIONING', name: `rh-${granted.instance.id}` },
    });

    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', granted.subscription.id)
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        actor_type: 'ADMIN',
        actor_id: admin.id,
        action: 'admin.subscription.grant',
        target_type: 'subscription',
        ip: '127.0.0.1',
        details: expect.objectContaining({ source: 'TRIAL', instanceId: granted.instance.id }),
      }),
    ]);
  });

  it("records an admin's API key as the actor", async () => {
    const admin = await insertAdmin(db());
    const api = adminApi(services(), apiKeyCaller(admin, { admin: ['write'] }));
    const granted = await api.grantSubscription({
      userId: (await insertUser(db())).id,
      plan: 'BASIC',
      source: 'COMPLIMENTARY',
      periodEnd: inDays(30),
    });
    const entry = await db()
      .selectFrom('audit_log')
      .select(['actor_type', 'actor_id'])
      .where('target_id', '=', granted.subscription.id)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ actor_type: 'API_KEY', actor_id: `key-${admin.id}` });
  });

  it('refuses bad input with BAD_REQUEST and changes nothing', async () => {
    const { api } = await signedInAdmin(services());
    const user = await insertUser(db());
    const valid = { userId: user.id, plan: 'BASIC', source: 'TRIAL', periodEnd: inDays(7) };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ periodEnd: new Date(Date.now() - 1000) }, /future/],
      [{ periodEnd: inDays(400) }, /within 366 days/],
      [{ plan: 'GOLD' }, /plan/i],
      [{ source: 'PAID' }, /source/i],
      [{ userId: '' }, /userId|too small|>=1/i],
      [{ extra: true }, /extra|unrecognized/i],
    ];
    for (const [change, message] of cases) {
      await expectRefusedUnchanged(
        db(),
        () =>
          api.grantSubscription({ ...valid, ...change } as Parameters<
            typeof api.grantSubscription
          >[0]),
        'BAD_REQUEST',
        message,
      );
    }
  });

  it('is NOT_FOUND for an unknown user and BAD_REQUEST for a banned one, changing nothing', async () => {
    const { api } = await signedInAdmin(services());
    const input = { plan: 'BASIC', source: 'TRIAL', periodEnd: inDays(7) } as const;
    await expectRefusedUnchanged(
      db(),
      () => api.grantSubscription({ ...input, userId: 'no-such-user' }),
      'NOT_FOUND',
    );
    const banned = await insertUser(db());
    await db().updateTable('user').set({ banned: true }).where('id', '=', banned.id).execute();
    await expectRefusedUnchanged(
      db(),
      () => api.grantSubscription({ ...input, userId: banned.id }),
      'BAD_REQUEST',
      /banned/,
    );
  });

  it('needs a configured template', async () => {
    const admin = await insertAdmin(db());
    const api = adminApi({ ...services(), instanceTemplate: undefined }, sessionCaller(admin));
    await expectRefusedUnchanged(
      db(),
      () =>
        api.grantSubscription({
          userId: admin.id,
          plan: 'BASIC',
          source: 'TRIAL',
          periodEnd: inDays(7),
        }),
      'PRECONDITION_FAILED',
      /template/,
    );
  });
});

describe('provisionSubscription', () => {
  const provision = (subscriptionId: string, periodEnd = inDays(30)) =>
    db()
      .transaction()
      .execute((trx) =>
        provisionSubscription(trx, { subscriptionId, periodEnd, template: TEMPLATE }),
      );

  it('keeps a live instance: a second activation creates and enqueues nothing', async () => {
    const user = await insertUser(db());
    const subscription = await insertSubscription(db(), user.id);
    const first = await provision(subscription.id);
    const second = await provision(subscription.id, inDays(60));
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, instance: { id: first.instance.id } });
    expect(second.subscription.current_period_end).toEqual(expect.any(Date));
    expect((await jobs(db())).filter((job) => job.task === 'clone_instance')).toHaveLength(1);
  });

  it('provisions a new instance when the previous one was deleted', async () => {
    const user = await insertUser(db());
    const subscription = await insertSubscription(db(), user.id, { status: 'SUSPENDED' });
    const old = await insertInstance(db(), subscription, { status: 'DELETED' });
    const result = await provision(subscription.id);
    expect(result.created).toBe(true);
    expect(result.instance.id).not.toBe(old.id);
  });

  it('refuses a subscription that can no longer become ACTIVE, adding nothing', async () => {
    const user = await insertUser(db());
    const subscription = await insertSubscription(db(), user.id, { status: 'EXPIRED' });
    await expect(provision(subscription.id)).rejects.toMatchObject({
      reason: 'ILLEGAL_TRANSITION',
    });
    await expect(provision(subscription.id, new Date(Date.now() - DAY_MS))).rejects.toThrow();
    expect(
      await db()
        .selectFrom('instances')
        .select('id')
        .where('subscription_id', '=', subscription.id)
        .execute(),
    ).toEqual([]);
    expect(await jobs(db())).toEqual([]);
  });

  it('refuses a period that ends before it starts', async () => {
    const user = await insertUser(db());
    const subscription = await insertSubscription(db(), user.id);
    await expect(provision(subscription.id, new Date(Date.now() - DAY_MS))).rejects.toMatchObject({
      reason: 'INVALID',
    });
  });
});
