import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientError, cookieHeader, PASSWORD, startTestApi, type TestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

function signIn(email: string, password = PASSWORD) {
  return api.fetch('/api/auth/sign-in/email', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: api.origin },
    body: JSON.stringify({ email, password }),
  });
}

const codeOf = async (promise: Promise<unknown>) => (await clientError(promise))?.code;

describe('sessions over HTTP', () => {
  it('sign-up sets an HttpOnly, SameSite=Lax session cookie (not Secure outside production)', async () => {
    const response = await api.fetch('/api/auth/sign-up/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: api.origin },
      body: JSON.stringify({ email: 'cookie@example.test', password: PASSWORD, name: 'C' }),
    });
    expect(response.status).toBe(200);
    const session = response.headers.getSetCookie().find((c) => c.includes('session_token='));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    expect(session).not.toMatch(/;\s*Secure/i);
  });

  it('signs in, acts through the cookie, and signs out', async () => {
    const { email } = await api.signUp();
    expect((await signIn(email, 'wrong password')).status).toBe(401);

    const response = await signIn(email);
    expect(response.status).toBe(200);
    const cookie = cookieHeader(response);
    const client = api.cookieClient(cookie);
    expect(await client.apiKeys.list.query()).toEqual([]);

    const out = await api.fetch('/api/auth/sign-out', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: api.origin },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect(await codeOf(client.apiKeys.list.query())).toBe('UNAUTHORIZED');
  });

  it('refuses protected procedures without a session', async () => {
    expect(await codeOf(api.cookieClient('').apiKeys.list.query())).toBe('UNAUTHORIZED');
  });

  it('treats a banned user as signed out, saying why, for cookies and API keys alike', async () => {
    const user = await api.signUp();
    const key = await api.createApiKey(user.cookie, { instances: ['read'] });
    await api.db
      .updateTable('user')
      .set({ banned: true, banReason: 'abuse' })
      .where('id', '=', user.userId)
      .execute();
    api.server.services.callerCache.forgetUser(user.userId);

    // Each request starts only when it is awaited: a rejection never waits unobserved.
    for (const request of [
      () => api.cookieClient(user.cookie).apiKeys.list.query(),
      () => api.apiKeyClient(key).apiKeys.list.query(),
    ]) {
      expect(await clientError(request())).toEqual({
        code: 'UNAUTHORIZED',
        message: 'This account is banned',
      });
    }
    // A ban that has expired no longer applies.
    await api.db
      .updateTable('user')
      .set({ banExpires: new Date(Date.now() - 1000) })
      .where('id', '=', user.userId)
      .execute();
    api.server.services.callerCache.forgetUser(user.userId);
    expect(await api.apiKeyClient(key).plans.list.query()).not.toHaveLength(0);
    expect(await codeOf(api.cookieClient(user.cookie).apiKeys.list.query())).toBeUndefined();
  });

  it('marks cookies Secure in production', async () => {
    const production = await startTestApi({
      db: api.db,
      config: { nodeEnv: 'production', appUrl: 'https://app.example.test' },
    });
    try {
      const response = await production.fetch('/api/auth/sign-up/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: production.origin },
        body: JSON.stringify({ email: 'secure@example.test', password: PASSWORD, name: 'S' }),
      });
      expect(response.status).toBe(200);
      const session = response.headers.getSetCookie().find((c) => c.includes('session_token='));
      expect(session).toMatch(/^__Secure-/);
      expect(session).toMatch(/;\s*Secure/i);
      expect(session).toMatch(/;\s*HttpOnly/i);
    } finally {
      await production.close();
    }
  });

  it('sends a password reset link through the injected email sender', async () => {
    const { email } = await api.signUp();
    const response = await api.fetch('/api/auth/request-password-reset', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: api.origin },
      body: JSON.stringify({ email, redirectTo: `${api.origin}/reset-password` }),
    });
    expect(response.status).toBe(200);
    const sent = api.emails.find((message) => message.to === email);
    expect(sent?.url).toMatch(/\/api\/auth\/reset-password\/[A-Za-z0-9]+/);
  });
});
