import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientError, startTestApi, type SignedUp, type TestApi } from './harness';

let api: TestApi;
let user: SignedUp;
beforeAll(async () => {
  api = await startTestApi();
  user = await api.signUp();
});
afterAll(() => api?.close());

const auditOf = (targetId: string) =>
  api.db
    .selectFrom('audit_log')
    .select(['action', 'actor_type', 'actor_id', 'details'])
    .where('target_id', '=', targetId)
    .orderBy('at')
    .execute();

const keyRows = (userId: string) =>
  api.db.selectFrom('apikey').selectAll().where('referenceId', '=', userId).execute();

describe('API keys', () => {
  it('creates a key shown once, lists it without secrets, and audits it', async () => {
    const client = api.cookieClient(user.cookie);
    const created = await client.apiKeys.create.mutate({
      name: 'billing',
      permissions: { instances: ['read'], subscriptions: ['read', 'write'] },
      expiresInDays: 30,
    });
    expect(created.key).toMatch(/^rh_[A-Za-z]{64}$/);
    expect(created.permissions).toEqual({ instances: ['read'], subscriptions: ['read', 'write'] });
    expect(created.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const listed = await client.apiKeys.list.query();
    const entry = listed.find((key) => key.id === created.id);
    expect(entry).toMatchObject({ name: 'billing', start: created.key.slice(0, 6), enabled: true });
    const [row] = await keyRows(user.userId);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(JSON.stringify(listed)).not.toContain(row!.key);
    expect(row!.key).not.toBe(created.key);

    expect(await auditOf(created.id)).toEqual([
      {
        action: 'api_keys.create',
        actor_type: 'USER',
        actor_id: user.userId,
        details: { name: 'billing', permissions: created.permissions },
      },
    ]);
  });

  it('authenticates by x-api-key or Bearer and enforces the key permissions', async () => {
    const key = await api.createApiKey(user.cookie, { notifications: ['read'] });
    const viaHeader = api.apiKeyClient(key);
    expect(await viaHeader.notifications.unreadCount.query()).toBeDefined();
    expect(await clientError(viaHeader.notifications.markRead.mutate({ all: true }))).toEqual({
      code: 'FORBIDDEN',
      message: 'This API key lacks the "notifications:write" permission',
    });

    const bearer = await api.fetch('/trpc/notifications.unreadCount', {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(bearer.status).toBe(200);
    const wrong = await api.fetch('/trpc/notifications.unreadCount', {
      headers: { 'x-api-key': `rh_${'x'.repeat(64)}` },
    });
    expect(wrong.status).toBe(401);
  });

  it('never lets an API key manage API keys', async () => {
    const key = await api.createApiKey(user.cookie, {
      instances: ['read', 'write'],
      notifications: ['read', 'write'],
    });
    const before = await keyRows(user.userId);
    const client = api.apiKeyClient(key);
    expect((await clientError(client.apiKeys.list.query()))?.code).toBe('FORBIDDEN');
    expect(
      (
        await clientError(
          client.apiKeys.create.mutate({ name: 'x', permissions: { instances: ['read'] } }),
        )
      )?.code,
    ).toBe('FORBIDDEN');
    expect(await keyRows(user.userId)).toHaveLength(before.length);
  });

  it('revokes: the key stops working at once, and the revocation is audited', async () => {
    const client = api.cookieClient(user.cookie);
    const created = await client.apiKeys.create.mutate({
      name: 'temp',
      permissions: { notifications: ['read'] },
    });
    expect(await api.apiKeyClient(created.key).notifications.unreadCount.query()).toBeDefined();

    await client.apiKeys.revoke.mutate({ id: created.id });
    expect(
      await clientError(api.apiKeyClient(created.key).notifications.unreadCount.query()),
    ).toEqual({
      code: 'UNAUTHORIZED',
      message: 'Invalid, disabled or expired API key',
    });
    expect((await auditOf(created.id)).map((entry) => entry.action)).toEqual([
      'api_keys.create',
      'api_keys.revoke',
    ]);
    expect((await clientError(client.apiKeys.revoke.mutate({ id: created.id })))?.code).toBe(
      'NOT_FOUND',
    );
  });

  it("cannot revoke another user's key (NOT_FOUND, key untouched)", async () => {
    const other = await api.signUp();
    const theirs = await api.cookieClient(other.cookie).apiKeys.create.mutate({
      name: 'theirs',
      permissions: { instances: ['read'] },
    });
    const error = await clientError(
      api.cookieClient(user.cookie).apiKeys.revoke.mutate({ id: theirs.id }),
    );
    expect(error?.code).toBe('NOT_FOUND');
    expect(await keyRows(other.userId)).toHaveLength(1);
  });

  it('rejects bad input with a readable BAD_REQUEST and creates nothing', async () => {
    const client = api.cookieClient(user.cookie);
    const before = await keyRows(user.userId);
    const cases = [
      { name: '', permissions: { instances: ['read'] } },
      { name: 'x'.repeat(65), permissions: { instances: ['read'] } },
      { name: 'ok', permissions: {} },
      { name: 'ok', permissions: { billing: ['read'] } },
      { name: 'ok', permissions: { instances: ['delete'] } },
      { name: 'ok', permissions: { instances: ['read', 'read'] } },
      { name: 'ok', permissions: { instances: ['read'] }, expiresInDays: 0 },
      { name: 'ok', permissions: { instances: ['read'] }, expiresInDays: 366 },
    ];
    for (const input of cases) {
      const error = await clientError(client.apiKeys.create.mutate(input as never));
      expect(error?.code, JSON.stringify(input)).toBe('BAD_REQUEST');
      expect(error?.message.length).toBeGreaterThan(0);
    }
    const admin = await clientError(
      client.apiKeys.create.mutate({ name: 'ok', permissions: { admin: ['read'] } }),
    );
    expect(admin).toEqual({
      code: 'BAD_REQUEST',
      message: 'Only admins can grant the "admin" permission',
    });
    expect(await keyRows(user.userId)).toHaveLength(before.length);
  });

  it('lets admins grant the admin permission', async () => {
    const admin = await api.signUp();
    await api.makeAdmin(admin.userId);
    const created = await api
      .cookieClient(admin.cookie)
      .apiKeys.create.mutate({ name: 'ops', permissions: { admin: ['read'] } });
    expect(created.permissions).toEqual({ admin: ['read'] });
  });
});
