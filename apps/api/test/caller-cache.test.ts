import { setImmediate as tick } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createCallerCache,
  type CallerCache,
  type Credential,
  type Resolution,
} from '../src/auth/caller-cache';
import type { Caller } from '../src/context';
import { clientError, startTestApi, type TestApi } from './harness';

const user = (id: string) => ({ id, email: `${id}@example.test`, name: id, role: 'user' as const });
const session = (userId: string, sessionId: string): Caller => ({
  kind: 'session',
  user: user(userId),
  sessionId,
});
const apiKey = (userId: string, apiKeyId: string): Caller => ({
  kind: 'apiKey',
  user: user(userId),
  apiKeyId,
  permissions: {},
});
const cookie = (value: string) => ({ kind: 'cookie' as const, value });
const key = (value: string) => ({ kind: 'apiKey' as const, value });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** 'waiting' when the request waits for a lookup, 'served' when the cache answered it. */
const outcome = (request: Promise<unknown>) =>
  Promise.race([request.then(() => 'served'), tick().then(() => 'waiting')]);

/** Lookups that answer only when the test says so (`calls[i].answer(...)`). */
function pendingLookups() {
  const calls: { cookies: Headers; answer(caller: Caller): void; fail(error: unknown): void }[] =
    [];
  const onRefreshError = vi.fn();
  const resolution = (resHeaders?: Headers): Resolution => ({
    lookup: (cookies) => new Promise((answer, fail) => calls.push({ cookies, answer, fail })),
    resHeaders,
    onRefreshError,
  });
  return { calls, onRefreshError, resolution };
}

/** Resolves once, answering the lookup at once when there is one; undefined when it was a hit. */
async function resolveNow(cache: CallerCache, credential: Credential, caller: Caller) {
  let looked = false;
  const result = await cache.resolve(credential, {
    lookup: async () => ((looked = true), caller),
    onRefreshError: (error) => expect.fail(`refresh failed: ${String(error)}`),
  });
  return looked ? undefined : result;
}

describe('createCallerCache', () => {
  let now = 0;
  const clock = { ttlMs: 100, now: () => now };

  /** A cache (at `now`) holding cookie 'a' as session s1 of u1, its lookups pending. */
  async function warmed() {
    const cache = createCallerCache(clock);
    const lookups = pendingLookups();
    const warm = cache.resolve(cookie('a'), lookups.resolution());
    lookups.calls[0]!.answer(session('u1', 's1'));
    await warm;
    return { cache, ...lookups };
  }

  it('remembers a caller for ttlMs counted from when its lookup started', async () => {
    now = 1_000;
    const cache = createCallerCache(clock);
    const { calls, resolution } = pendingLookups();
    const first = cache.resolve(cookie('a'), resolution());
    now += 10; // the lookup takes 10 ms
    calls[0]!.answer(session('u1', 's1'));
    expect(await first).toEqual(session('u1', 's1'));
    now = 1_049;
    expect(await cache.resolve(cookie('a'), resolution())).toEqual(session('u1', 's1'));
    expect(calls).toHaveLength(1);
    now = 1_100;
    expect(await outcome(cache.resolve(cookie('a'), resolution()))).toBe('waiting');
  });

  it('past half the TTL serves the entry and refreshes it in the background, once', async () => {
    now = 0;
    const { cache, calls, resolution } = await warmed();

    now = 50;
    expect(await cache.resolve(cookie('a'), resolution())).toEqual(session('u1', 's1'));
    now = 60;
    expect(await cache.resolve(cookie('a'), resolution())).toEqual(session('u1', 's1'));
    expect(calls).toHaveLength(2); // one refresh in flight, not one per hit

    now = 90; // the refresh took 40 ms
    calls[1]!.answer(session('u1', 's9'));
    await tick();
    now = 149; // its answer counts from 50, when it started
    expect(await cache.resolve(cookie('a'), resolution())).toEqual(session('u1', 's9'));
    now = 150; // (the refresh this hit started has not answered)
    expect(await outcome(cache.resolve(cookie('a'), resolution()))).toBe('waiting');
  });

  it('keeps nothing from a lookup that was in flight when a forget came', async () => {
    now = 0;
    const { cache, calls, resolution } = await warmed();
    now = 50;
    await cache.resolve(cookie('a'), resolution()); // starts a refresh
    cache.forgetSession('s1');
    calls[1]!.answer(session('u1', 's1')); // read before the sign-out, arrives after it
    await tick();
    expect(await outcome(cache.resolve(cookie('a'), resolution()))).toBe('waiting');

    // The same holds for the first lookup of a credential (e.g. a ban while it runs).
    const first = cache.resolve(key('k'), resolution());
    cache.forgetUser('u2');
    calls[3]!.answer(apiKey('u2', 'key1'));
    expect(await first).toEqual(apiKey('u2', 'key1')); // that request began before the ban
    expect(await outcome(cache.resolve(key('k'), resolution()))).toBe('waiting');
  });

  it('drops an entry a refresh finds refused; keeps it until expiry when a refresh fails', async () => {
    now = 0;
    const cache = createCallerCache(clock);
    const { calls, onRefreshError, resolution } = pendingLookups();
    for (const [credential, caller] of [
      [cookie('gone'), session('u1', 's1')],
      [cookie('db-down'), session('u2', 's2')],
    ] as const) {
      const warm = cache.resolve(credential, resolution());
      calls.at(-1)!.answer(caller);
      await warm;
    }
    now = 50;
    await cache.resolve(cookie('gone'), resolution());
    calls[2]!.answer({ kind: 'anonymous' });
    await cache.resolve(cookie('db-down'), resolution());
    calls[3]!.fail(new Error('connection refused'));
    await tick();
    expect(onRefreshError).toHaveBeenCalledWith(new Error('connection refused'));

    // A lookup on the request's path, which refuses as before.
    expect(await outcome(cache.resolve(cookie('gone'), resolution()))).toBe('waiting');
    now = 99;
    expect(await cache.resolve(cookie('db-down'), resolution())).toEqual(session('u2', 's2'));
    expect(calls).toHaveLength(6); // and the next hit tries the refresh again
  });

  it('hands cookies a background refresh set to the next response that can carry them', async () => {
    now = 0;
    const cache = createCallerCache(clock);
    const { calls, resolution } = pendingLookups();
    const warm = cache.resolve(cookie('a'), resolution(new Headers()));
    calls[0]!.answer(session('u1', 's1'));
    await warm;
    now = 50;
    await cache.resolve(cookie('a'), resolution(new Headers()));
    calls[1]!.cookies.append('set-cookie', 'session=slid; Max-Age=604800');
    calls[1]!.answer(session('u1', 's1'));
    await tick();

    await cache.resolve(cookie('a'), resolution()); // e.g. an invoice download: no headers
    const next = new Headers();
    await cache.resolve(cookie('a'), resolution(next));
    expect(next.getSetCookie()).toEqual(['session=slid; Max-Age=604800']);
    const after = new Headers();
    await cache.resolve(cookie('a'), resolution(after));
    expect(after.getSetCookie()).toEqual([]);
  });

  it('keeps cookies and API keys apart and forgets by user, session and API key', async () => {
    now = 0;
    const cache = createCallerCache(clock);
    await resolveNow(cache, cookie('same'), session('u1', 's1'));
    expect(await resolveNow(cache, key('same'), apiKey('u1', 'key1'))).toBeUndefined();

    await resolveNow(cache, cookie('b'), session('u1', 's2'));
    await resolveNow(cache, cookie('c'), session('u2', 's3'));
    await resolveNow(cache, key('k2'), apiKey('u2', 'key2'));
    cache.forgetSession('s3');
    cache.forgetApiKey('key2');
    cache.forgetUser('u1');
    for (const credential of [cookie('same'), key('same'), cookie('b'), cookie('c'), key('k2')]) {
      expect(await resolveNow(cache, credential, { kind: 'anonymous' })).toBeUndefined();
    }
  });

  it('evicts the oldest entry past maxEntries and is off with ttlMs 0', async () => {
    now = 0;
    const cache = createCallerCache({ ...clock, maxEntries: 2 });
    for (const name of ['a', 'b', 'c']) await resolveNow(cache, cookie(name), session(name, name));
    expect(await resolveNow(cache, cookie('c'), session('c', 'c'))).toBeDefined();
    expect(await resolveNow(cache, cookie('a'), session('a', 'a'))).toBeUndefined();

    const off = createCallerCache({ ttlMs: 0 });
    await resolveNow(off, cookie('a'), session('u1', 's1'));
    expect(await resolveNow(off, cookie('a'), session('u1', 's1'))).toBeUndefined();
  });
});

/**
 * A cache with a spy at its boundary: counts the lookups of the watched credentials and, while
 * `hold()` is on, hands their (real) answers over only at `release()`. A request that had to wait
 * for a lookup then hangs; one served from the cache returns.
 */
function watchedCache(ttlMs: number) {
  const inner = createCallerCache({ ttlMs });
  const watches = new Map<string, ReturnType<typeof createWatch>>();
  const cache: CallerCache = {
    ...inner,
    resolve(credential, resolution) {
      const watch = watches.get(credential.value);
      if (!watch) return inner.resolve(credential, resolution);
      return inner.resolve(credential, { ...resolution, lookup: watch.wrap(resolution.lookup) });
    },
  };
  const watch = (credential: string) => {
    const created = createWatch();
    watches.set(credential, created);
    return created;
  };
  return { cache, watch };
}

function createWatch() {
  let holding = false;
  const gate: (() => void)[] = [];
  const arrivals: (() => void)[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const watch = {
    lookups: 0,
    hold: () => void (holding = true),
    /** Resolves once a lookup has its answer and waits at the gate. */
    answered: () =>
      new Promise<void>((resolve) => (gate.length ? resolve() : arrivals.push(resolve))),
    /** Lets held answers through and waits until the cache has taken them. */
    async release() {
      holding = false;
      for (const open of gate.splice(0)) open();
      await Promise.allSettled(inFlight);
      await tick();
    },
    wrap: (lookup: Resolution['lookup']): Resolution['lookup'] => {
      return (cookies) => {
        watch.lookups += 1;
        const answer = lookup(cookies).then(async (caller) => {
          if (holding) {
            await new Promise<void>((open) => {
              gate.push(open);
              for (const arrived of arrivals.splice(0)) arrived();
            });
          }
          return caller;
        });
        inFlight.add(answer);
        const done = () => inFlight.delete(answer);
        answer.then(done, done);
        return answer;
      };
    },
  };
  return watch;
}

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
  /** Short enough for a quick test, long enough for a refresh on a busy machine. */
  const ttlMs = 600;

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

  it('a client that keeps calling never waits for a lookup once warm', async () => {
    const { cache, watch } = watchedCache(ttlMs);
    const replica = await startTestApi({ db: api.db, cache });
    try {
      const customer = await replica.signUp();
      const lookups = watch(customer.cookie);
      const client = replica.cookieClient(customer.cookie);
      await client.instances.list.query({});
      const outcomes = new Set<string>();
      const until = Date.now() + 2.5 * ttlMs;
      while (Date.now() < until) {
        lookups.hold();
        const query = client.instances.list.query({});
        const waited = sleep(1_000).then(() => 'waited for a lookup');
        outcomes.add(await Promise.race([query.then(() => 'served'), waited]));
        await lookups.release();
        await query;
        await sleep(ttlMs / 10);
      }
      expect(outcomes).toEqual(new Set(['served']));
      // The warm-up, then refreshes behind the requests kept the entry fresh past 2 TTLs.
      expect(lookups.lookups).toBeGreaterThanOrEqual(3);
    } finally {
      await replica.close();
    }
  });

  type Revocation = (the: { replica: TestApi; userId: string; cookie: string }) => Promise<unknown>;
  const signOut: Revocation = ({ replica, cookie }) =>
    replica.fetch('/api/auth/sign-out', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: replica.origin },
      body: '{}',
    });
  const ban: Revocation = async ({ replica, userId }) => {
    const other = await replica.signUp();
    await replica.makeAdmin(other.userId);
    await replica.cookieClient(other.cookie).admin.users.ban.mutate({ userId, reason: 'abuse' });
  };
  const revokeKey: Revocation = async ({ replica, cookie }) => {
    const owner = replica.cookieClient(cookie);
    const [listed] = await owner.apiKeys.list.query();
    await owner.apiKeys.revoke.mutate({ id: listed!.id });
  };

  it.each([
    ['signing out', 'cookie', signOut],
    ['a ban', 'apiKey', ban],
    ['revoking the key', 'apiKey', revokeKey],
  ] as const)('%s during an in-flight refresh (%s) wins', async (_, kind, revoke) => {
    const { cache, watch } = watchedCache(ttlMs);
    const replica = await startTestApi({ db: api.db, cache });
    try {
      const { userId, cookie } = await replica.signUp();
      const keyValue = await replica.createApiKey(cookie, { instances: ['read'] });
      const lookups = watch(kind === 'cookie' ? cookie : keyValue);
      const client =
        kind === 'cookie' ? replica.cookieClient(cookie) : replica.apiKeyClient(keyValue);
      await client.instances.list.query({});
      await sleep(ttlMs / 2);

      lookups.hold();
      const before = lookups.lookups;
      await client.instances.list.query({}); // served; a refresh starts behind it...
      expect(lookups.lookups).toBe(before + 1);
      await lookups.answered(); // ...reads the credential while it is still valid...
      await revoke({ replica, userId, cookie });
      await lookups.release(); // ...and its answer arrives after the revocation.
      expect(await codeOf(client.instances.list.query({}))).toBe('UNAUTHORIZED');
    } finally {
      await replica.close();
    }
  });

  it('a session deleted behind the API stops working within ttlMs while its client calls on', async () => {
    const replica = await startTestApi({ db: api.db, cache: createCallerCache({ ttlMs }) });
    try {
      const customer = await replica.signUp();
      const client = replica.cookieClient(customer.cookie);
      const call = async () => {
        const startedAt = Date.now();
        return { startedAt, code: await codeOf(client.instances.list.query({})) };
      };
      // Past the half-TTL point, so the entry is being refreshed when the session goes.
      const warmUntil = Date.now() + ttlMs;
      while (Date.now() < warmUntil) expect((await call()).code).toBeUndefined();

      // Like another replica signing the session out: this process is not told.
      await api.db.deleteFrom('session').where('userId', '=', customer.userId).execute();
      const deletedAt = Date.now();
      const calls = [await call()];
      while (calls.at(-1)!.code === undefined && Date.now() < deletedAt + ttlMs + 2_000) {
        calls.push(await call());
      }
      expect(calls.at(-1)!.code).toBe('UNAUTHORIZED');
      const served = calls.filter((made) => made.code === undefined);
      for (const { startedAt } of served) expect(startedAt).toBeLessThan(deletedAt + ttlMs);
    } finally {
      await replica.close();
    }
  });
});
