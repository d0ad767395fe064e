import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type SignedUp, type TestApi } from './harness';

let api: TestApi;
let user: SignedUp;
let key: string;
beforeAll(async () => {
  api = await startTestApi({ config: { trustedOrigins: ['https://admin.example.test'] } });
  user = await api.signUp();
  key = await api.createApiKey(user.cookie, { notifications: ['write'] });
});
afterAll(() => api?.close());

/** A raw tRPC mutation over HTTP, as a browser or a script would send it. */
function createKey(headers: Record<string, string>) {
  return api.fetch('/trpc/apiKeys.create', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(superjson.serialize({ name: 'x', permissions: { instances: ['read'] } })),
  });
}

async function keyCount(): Promise<number> {
  const rows = await api.db
    .selectFrom('apikey')
    .select('id')
    .where('referenceId', '=', user.userId)
    .execute();
  return rows.length;
}

describe('Origin check on cookie-authenticated mutations', () => {
  it('refuses a cookie mutation without Origin or from a foreign one, changing nothing', async () => {
    const before = await keyCount();
    for (const headers of <Record<string, string>[]>[
      { cookie: user.cookie },
      { cookie: user.cookie, origin: 'https://evil.example' },
    ]) {
      const response = await createKey(headers);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    }
    expect(await keyCount()).toBe(before);
  });

  it('accepts APP_URL and TRUSTED_ORIGINS origins', async () => {
    for (const origin of [api.origin, 'https://admin.example.test']) {
      expect((await createKey({ cookie: user.cookie, origin })).status).toBe(200);
    }
  });

  it('applies to /api/auth too', async () => {
    const response = await api.fetch('/api/auth/sign-out', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: user.cookie,
        origin: 'https://evil.example',
      },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(await api.cookieClient(user.cookie).apiKeys.list.query()).not.toHaveLength(0);
  });

  it('lets reads through and exempts API-key requests, which carry no ambient authority', async () => {
    const read = await api.fetch('/trpc/apiKeys.list', { headers: { cookie: user.cookie } });
    expect(read.status).toBe(200);
    // No Origin, no cookie: a service with an API key.
    const response = await api.fetch('/trpc/notifications.markRead', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify(superjson.serialize({ all: true })),
    });
    expect(response.status).toBe(200);
  });
});
