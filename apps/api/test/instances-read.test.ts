import { insertUser } from '@roundhouse/db/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestServices } from './support/use-test-db';
import { instancesApi, instancesApiKey, seedInstance } from './instances-fixtures';

const { db, services } = useTestServices();

describe('instances.list', () => {
  it("lists the caller's live instances newest first with the current deployment joined", async () => {
    const user = await insertUser(db());
    const hour = 3_600_000;
    const older = await seedInstance(db(), {
      user,
      status: 'RUNNING',
      deployments: [{ status: 'SUCCEEDED' }],
      createdAt: new Date(Date.now() - 2 * hour),
    });
    const newer = await seedInstance(db(), {
      user,
      status: 'DEPLOYING',
      deployments: [{ status: 'SUCCEEDED' }, { status: 'BUILDING' }],
      createdAt: new Date(Date.now() - hour),
    });
    await seedInstance(db(), { user, status: 'DELETED' });
    await seedInstance(db(), { status: 'RUNNING' }); // someone else's

    const page = await instancesApi(services(), user).list();
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((i) => i.id)).toEqual([newer.instance.id, older.instance.id]);
    expect(page.items[0]).toMatchObject({
      status: 'DEPLOYING',
      currentDeployment: { id: newer.deployments[1]?.id, status: 'BUILDING', kind: 'REDEPLOY' },
    });

    const deleted = await instancesApi(services(), user).list({ status: ['DELETED'] });
    expect(deleted.items.map((i) => i.status)).toEqual(['DELETED']);
    const running = await instancesApi(services(), user).list({ status: ['RUNNING', 'FAILED'] });
    expect(running.items.map((i) => i.id)).toEqual([older.instance.id]);
  });

  it('pages without gaps or duplicates, also across rows created in the same microsecond', async () => {
    const user = await insertUser(db());
    const ids: string[] = [];
    for (let n = 0; n < 7; n++)
      ids.push((await seedInstance(db(), { user, status: 'RUNNING' })).instance.id);
    // Three of them share one timestamp: only the id tells them apart.
    await sql`update instances set created_at = '2030-01-01T00:00:00.123456Z'
              where id in (${sql.join(ids.slice(0, 3))})`.execute(db());

    const api = instancesApi(services(), user);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await api.list({ limit: 2, cursor });
      seen.push(...page.items.map((i) => i.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(ids));
    const all = await api.list({ limit: 100 });
    expect(seen).toEqual(all.items.map((i) => i.id));
  });

  it('refuses bad input with BAD_REQUEST', async () => {
    const api = instancesApi(services(), await insertUser(db()));
    for (const input of [
      { limit: 0 },
      { limit: 101 },
      { limit: 1.5 },
      { status: [] },
      { status: ['ASLEEP'] },
      { cursor: 'not-a-cursor' },
      { cursor: Buffer.from('["yesterday","x"]').toString('base64url') },
    ]) {
      await expect(api.list(input as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
  });
});

describe('instances.detail, status and progress', () => {
  it('describe the instance and its current deployment, without internals', async () => {
    const seeded = await seedInstance(db(), {
      status: 'RUNNING',
      deployments: [{ status: 'SUCCEEDED' }, { status: 'SUCCEEDED' }],
    });
    const current = seeded.deployments[1];
    await db()
      .updateTable('instances')
      .set({ last_health: { ok: true, httpStatus: 200 }, last_health_at: new Date() })
      .where('id', '=', seeded.instance.id)
      .execute();
    const api = instancesApi(services(), seeded.user);
    const detail = await api.detail({ instanceId: seeded.instance.id });
    expect(detail).toMatchObject({
      id: seeded.instance.id,
      status: 'RUNNING',
      lastGoodDeploymentId: current?.id,
      lastHealth: { failures: 0, result: { ok: true, httpStatus: 200 } },
      currentDeployment: { id: current?.id, status: 'SUCCEEDED', kind: 'REDEPLOY' },
    });
    expect(detail.lastHealth.at).toBeInstanceOf(Date);
    const json = JSON.stringify(detail);
    expect(json).not.toContain(seeded.instance.railway_service_id);
    expect(json).not.toContain('checkpoint');

    expect(await api.status({ instanceId: seeded.instance.id })).toEqual({
      id: seeded.instance.id,
      status: 'RUNNING',
      statusReason: null,
      updatedAt: expect.any(Date),
      deployment: { id: current?.id, kind: 'REDEPLOY', status: 'SUCCEEDED', progress: 0 },
    });
  });

  it('reports progress with the phase a failed deployment got to', async () => {
    const seeded = await seedInstance(db(), {
      status: 'FAILED',
      deployments: [{ status: 'FAILED' }],
    });
    const deploymentId = seeded.deployments[0]?.id as string;
    const buildingAt = new Date(Date.now() - 60_000);
    await db()
      .updateTable('deployments')
      .set({ progress: 37, building_at: buildingAt, finished_at: new Date() })
      .where('id', '=', deploymentId)
      .execute();
    const progress = await instancesApi(services(), seeded.user).progress({
      instanceId: seeded.instance.id,
    });
    expect(progress).toMatchObject({
      instanceStatus: 'FAILED',
      deployment: {
        id: deploymentId,
        status: 'FAILED',
        phase: 'BUILDING',
        progress: 37,
        phases: { buildingAt, deployingAt: null, finishedAt: expect.any(Date) },
      },
    });
    const fresh = await seedInstance(db(), { status: 'PROVISIONING' });
    expect(
      await instancesApi(services(), fresh.user).progress({ instanceId: fresh.instance.id }),
    ).toEqual({ instanceId: fresh.instance.id, instanceStatus: 'PROVISIONING', deployment: null });
  });

  it("is NOT_FOUND for another customer's instance or an unknown id", async () => {
    const owner = await seedInstance(db(), {
      status: 'RUNNING',
      deployments: [{ status: 'SUCCEEDED' }],
    });
    const stranger = instancesApi(services(), await insertUser(db()));
    for (const instanceId of [owner.instance.id, crypto.randomUUID()]) {
      for (const call of [
        stranger.detail,
        stranger.status,
        stranger.progress,
        stranger.deployments,
      ]) {
        await expect(call({ instanceId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
    }
    await expect(stranger.detail({ instanceId: 'nope' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('needs the instances:read permission for an API key', async () => {
    const seeded = await seedInstance(db(), { status: 'RUNNING' });
    const input = { instanceId: seeded.instance.id };
    await expect(
      instancesApiKey(services(), seeded.user, ['write']).detail(input),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      instancesApiKey(services(), seeded.user, ['read']).detail(input),
    ).resolves.toMatchObject({ id: seeded.instance.id });
  });
});

describe('instances.deployments', () => {
  it('pages newest first without gaps or duplicates', async () => {
    const seeded = await seedInstance(db(), {
      status: 'RUNNING',
      deployments: Array.from({ length: 5 }, () => ({ status: 'SUCCEEDED' as const })),
    });
    const api = instancesApi(services(), seeded.user);
    const first = await api.deployments({ instanceId: seeded.instance.id, limit: 2 });
    const second = await api.deployments({
      instanceId: seeded.instance.id,
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    const third = await api.deployments({
      instanceId: seeded.instance.id,
      limit: 2,
      cursor: second.nextCursor ?? undefined,
    });
    expect(third.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((d) => d.id);
    expect(ids).toEqual(seeded.deployments.map((d) => d.id).reverse());
  });

  it('is an empty page for an instance without deployments', async () => {
    const seeded = await seedInstance(db(), { status: 'PROVISIONING' });
    expect(
      await instancesApi(services(), seeded.user).deployments({ instanceId: seeded.instance.id }),
    ).toEqual({ items: [], nextCursor: null });
  });
});
