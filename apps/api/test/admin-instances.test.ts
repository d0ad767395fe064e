import type { InstanceStatus, PlanId } from '@roundhouse/core';
import type { User } from '@roundhouse/db';
import { insertInstance, insertSubscription, insertUser } from '@roundhouse/db/testing';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { allPages, expectRefusedUnchanged, useSignedInAdmin } from './admin-fixtures';

const STATUSES: InstanceStatus[] = ['RUNNING', 'FAILED', 'PROVISIONING', 'DEGRADED', 'SUSPENDED'];
const PLANS: PlanId[] = ['BASIC', 'PRO', 'ENTERPRISE'];

interface Seeded {
  id: string;
  userId: string;
  status: InstanceStatus;
  plan: PlanId;
  domain: string;
  createdAt: Date;
}
let owners: User[];
let fleet: Seeded[];

/**
 * 30 instances of 3 owners, 5 statuses and 3 plans. Pairs share a created_at with microseconds
 * (which a JS Date can't hold), so pages must break ties by id without losing precision.
 */
const { db, api } = useSignedInAdmin();
beforeAll(async () => {
  owners = [await insertUser(db()), await insertUser(db()), await insertUser(db())];
  await db()
    .updateTable('user')
    .set({ email: 'Mixed.Case@Example.test' })
    .where('id', '=', owners[2]!.id)
    .execute();
  fleet = [];
  for (let i = 0; i < 30; i += 1) {
    const plan = PLANS[i % 3]!;
    const subscription = await insertSubscription(db(), owners[i % 3]!.id, { plan });
    const instance = await insertInstance(db(), subscription, { status: STATUSES[i % 5]! });
    const domain = i === 7 ? 'odd_100%.up.railway.app' : `app-${i}.up.railway.app`;
    const { rows } = await sql<{ created_at: Date }>`
      update instances
      set domain = ${domain},
          created_at = timestamptz '2026-01-01 00:00:00.123456+00'
                       + make_interval(mins => ${Math.floor(i / 2)})
      where id = ${instance.id}
      returning created_at
    `.execute(db());
    fleet.push({
      id: instance.id,
      userId: instance.user_id,
      status: instance.status,
      plan,
      domain,
      createdAt: rows[0]!.created_at,
    });
  }
});

const ids = (items: { id: string }[]) => items.map((item) => item.id);
const byKey =
  <T>(key: (row: T) => string | number, id: (row: T) => string, direction: 'asc' | 'desc') =>
  (a: T, b: T) => {
    const order = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : id(a) < id(b) ? -1 : 1;
    return direction === 'asc' ? order : -order;
  };

describe('admin.instances.list', () => {
  it.each([
    ['createdAt', 'desc'],
    ['createdAt', 'asc'],
    ['status', 'asc'],
    ['status', 'desc'],
    ['updatedAt', 'desc'],
  ] as const)('pages by %s %s without duplicates or gaps', async (sort, direction) => {
    const whole = await api().instances.list({ sort, direction, limit: 100 });
    const paged = await allPages((cursor) =>
      api().instances.list({ sort, direction, limit: 3, cursor }),
    );
    expect(ids(paged.items)).toEqual(ids(whole.items));
    expect(new Set(ids(paged.items)).size).toBe(fleet.length);
    expect(paged.pages).toBe(10);
    expect(whole.nextCursor).toBeNull();
    if (sort === 'createdAt' || sort === 'status') {
      const key = (row: Seeded) => (sort === 'status' ? row.status : row.createdAt.getTime());
      const expected = [...fleet].sort(byKey(key, (row) => row.id, direction));
      expect(ids(whole.items)).toEqual(ids(expected));
    }
  });

  it('stays stable while instances are inserted between pages', async () => {
    const first = await api().instances.list({ limit: 10 });
    const owner = await insertUser(db());
    const added = await insertInstance(db(), await insertSubscription(db(), owner.id));
    const rest = await allPages((cursor) =>
      api().instances.list({ limit: 10, cursor: cursor ?? first.nextCursor ?? undefined }),
    );
    const seen = [...ids(first.items), ...ids(rest.items)];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(ids(fleet)));
    // Newest first: the new row sorts before the first page, so no later page shows it.
    expect(seen).not.toContain(added.id);
    await db().deleteFrom('instances').where('id', '=', added.id).execute();
  });

  it('combines filters', async () => {
    const list = async (filters: Parameters<ReturnType<typeof api>['instances']['list']>[0]) =>
      ids((await api().instances.list({ ...filters, limit: 100 })).items).sort();
    const expect_ = (rows: Seeded[]) => ids(rows).sort();

    expect(await list({ statuses: ['FAILED', 'DEGRADED'] })).toEqual(
      expect_(fleet.filter((r) => r.status === 'FAILED' || r.status === 'DEGRADED')),
    );
    expect(await list({ userId: owners[1]!.id, plan: 'PRO' })).toEqual(
      expect_(fleet.filter((r) => r.userId === owners[1]!.id && r.plan === 'PRO')),
    );
    expect(await list({ userEmail: 'mixed.case@example.TEST' })).toEqual(
      expect_(fleet.filter((r) => r.userId === owners[2]!.id)),
    );
    const from = fleet[10]!.createdAt;
    const to = fleet[20]!.createdAt;
    expect(await list({ createdFrom: from, createdTo: to })).toEqual(
      expect_(fleet.filter((_, i) => i >= 10 && i < 20)),
    );
    // LIKE wildcards in the search text are literal characters.
    expect(await list({ search: '_100%' })).toEqual([fleet[7]!.id]);
    expect(await list({ search: 'APP-2' })).toEqual(
      expect_(fleet.filter((r) => r.domain.startsWith('app-2'))),
    );
    expect(await list({ search: 'nothing-like-this' })).toEqual([]);
  });

  it('shows owner, plan and the current deployment', async () => {
    const { items } = await api().instances.list({ search: fleet[4]!.domain, limit: 1 });
    expect(items[0]).toMatchObject({
      id: fleet[4]!.id,
      user: { id: fleet[4]!.userId },
      subscription: { plan: fleet[4]!.plan },
      currentDeployment: null,
    });
  });

  it('refuses bad cursors and inputs with BAD_REQUEST', async () => {
    const page = await api().instances.list({ limit: 2 });
    for (const input of [
      { cursor: 'not-a-cursor' },
      // a createdAt cursor means nothing in status order
      { cursor: page.nextCursor!, sort: 'status' as const },
      { limit: 0 },
      { limit: 101 },
      { statuses: ['SLEEPING' as InstanceStatus] },
      { createdFrom: new Date('2026-02-01'), createdTo: new Date('2026-01-01') },
    ]) {
      await expect(api().instances.list(input)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
  });
});

describe('admin.instances.detail', () => {
  it("shows any owner's instance with its deployments; NOT_FOUND for unknown ids", async () => {
    const target = fleet[0]!;
    const deployment = await db()
      .insertInto('deployments')
      .values({ instance_id: target.id, kind: 'CLONE', status: 'SUCCEEDED' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const detail = await api().instances.detail({ instanceId: target.id });
    expect(detail).toMatchObject({
      id: target.id,
      user: { id: target.userId, banned: false },
      subscription: { plan: target.plan },
      recentDeployments: [{ id: deployment.id, kind: 'CLONE', status: 'SUCCEEDED' }],
    });
    await expectRefusedUnchanged(
      db(),
      () => api().instances.detail({ instanceId: '00000000-0000-4000-8000-000000000000' }),
      'NOT_FOUND',
    );
    await expect(api().instances.detail({ instanceId: 'nope' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
