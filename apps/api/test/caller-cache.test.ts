import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallerCache } from '../src/auth/caller-cache';
import type { Caller } from '../src/context';
import { clientError, startTestApi, type TestApi } from './harness';

type Known = Exclude<Caller, { kind: 'anonymous' }>;
const user = (id: string) => ({ id, email: `${id}@example.test`, name: id, role: 'user' as const });
const session = (userId: string, sessionId: string): Known => ({
  kind: 'session',
  user: user(userId),
  sessionId,
});
const apiKey = (userId: string, apiKeyId: string): Known => ({
  kind: 'apiKey',
  user: user(userId),
  apiKeyId,
  permissions: {},
});
const cookie = (value: string) => ({ kind: 'cookie' as const, value });
const key = (value: string) => ({ kind: 'apiKey' as const, value });

describe('createCallerCache', () => {
  it('remembers a caller for ttlMs, then forgets it', () => {
    let now = 1_000;
    const cache = createCallerCache({ ttlMs: 100, now: () => now });
    cache.set(cookie('a'), session('u1', 's1'));
    expect(cache.get(cookie('a'))).toEqual(session('u1', 's1'));
    now += 99;
    expect(cache.get(cookie('a'))).toBeDefined();
    now += 1;
    expect(cache.get(cookie('a'))).toBeUndefined();
  });

  it('keeps cookies and API keys apart even when their text is equal', () => {
    const cache = createCallerCache();
    cache.set(cookie('same'), session('u1', 's1'));
    expect(cache.get(key('same'))).toBeUndefined();
  });

  it('forgets by user, session and API key', () => {
    const cache = createCallerCache();
    cache.set(cookie('a'), session('u1', 's1'));
    cache.set(cookie('b'), session('u1', 's2'));
    cache.set(key('k1'), apiKey('u1', 'key1'));
    cache.set(cookie('c'), session('u2', 's3'));
    cache.set(key('k2'), apiKey('u2', 'key2'));

    cache.forgetSession('s3');
    expect(cache.get(cookie('c'))).toBeUndefined();
    cache.forgetApiKey('key2');
    expect(cache.get(key('k2'))).toBeUndefined();
    cache.forgetUser('u1');
    for (const credential of [cookie('a'), cookie('b'), key('k1')]) {
      expect(cache.get(credential)).toBeUndefined();
    }
  });

  it('evicts the oldest entry past maxEntries and is off with ttlMs 0', () => {
    const cache = createCallerCache({ maxEntries: 2 });
    cache.set(cookie('a'), session('u1', 's1'));
    cache.set(cookie('b'), session('u2', 's2'));
    cache.set(cookie('c'), session('u3', 's3'));
    expect(cache.get(cookie('a'))).toBeUndefined();
    expect(cache.get(cookie('c'))).toBeDefined();

    const off = createCallerCache({ ttlMs: 0 });
    off.set(cookie('a'), session('u1', 's1'));
    expect(off.get(cookie('a'))).toBeUndefined();
  });
});

describe('cached callers over HTTP', () => {
  let api: TestApi;
  let admin: ReturnType<TestApi['cookieClient']>;
  beforeAll(async () => {
    api = await startTestApi();
    const signedUp = await api.signUp();
    await api.makeAdmin(signedUp.userId);
    admin = api.cookieClient(signedUp.cookie);
  });
  afterAll(() => api?.close());

  const codeOf = async (promise: Promise<unknown>) => (await clientError(promise))?.code;

  it('a ban through the admin API applies to the very next request (cookie and key)', async () => {
    const customer = await api.signUp();
    const keyValue = await api.createApiKey(customer.cookie, { instances: ['read'] });
    const byCookie = api.cookieClient(customer.cookie);
    const byKey = api.apiKeyClient(keyValue);
    await byCookie.instances.list.query({});
    await byKey.instances.list.query({});

    await admin.admin.users.ban.mutate({ userId: customer.userId, reason: 'abuse' });
    expect(await codeOf(byCookie.instances.list.query({}))).toBe('UNAUTHORIZED');
    expect(await codeOf(byKey.instances.list.query({}))).toBe('UNAUTHORIZED');
  });

  it('a revoked API key and a demoted admin lose access at once', async () => {
    const customer = await api.signUp();
    const keyValue = await api.createApiKey(customer.cookie, { instances: ['read'] });
    const byKey = api.apiKeyClient(keyValue);
    await byKey.instances.list.query({});
    const [listed] = await api.cookieClient(customer.cookie).apiKeys.list.query();
    await api.cookieClient(customer.cookie).apiKeys.revoke.mutate({ id: listed!.id });
    expect(await codeOf(byKey.instances.list.query({}))).toBe('UNAUTHORIZED');

    const other = await api.signUp();
    await api.makeAdmin(other.userId);
    const otherAdmin = api.cookieClient(other.cookie);
    await otherAdmin.admin.users.list.query({});
    await admin.admin.users.setRole.mutate({ userId: other.userId, role: 'user' });
    expect(await codeOf(otherAdmin.admin.users.list.query({}))).toBe('FORBIDDEN');
  });

  it('a session ended behind this process (another replica) stops working within the TTL', async () => {
    const ttlMs = 300;
    const replica = await startTestApi({
      db: api.db,
      cache: createCallerCache({ ttlMs }),
    });
    try {
      const customer = await replica.signUp();
      const client = replica.cookieClient(customer.cookie);
      await client.instances.list.query({});
      await api.db.deleteFrom('session').where('userId', '=', customer.userId).execute();
      const deadline = Date.now() + ttlMs + 1_000;
      let code: string | undefined;
      while (Date.now() < deadline && code === undefined) {
        code = await codeOf(client.instances.list.query({}));
      }
      expect(code).toBe('UNAUTHORIZED');
    } finally {
      await replica.close();
    }
  });
});
