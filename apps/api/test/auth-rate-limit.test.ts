import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD, startTestApi, type TestApi } from './harness';

// better-auth keeps rate-limit counters in the database (migration 0016): this file's test
// database has the sign-in budget of 127.0.0.1 to itself.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

it('limits sign-in attempts per client to 5 a minute, even with the right password', async () => {
  const { email } = await api.signUp();
  const attempt = (password: string) =>
    api.fetch('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: api.origin },
      body: JSON.stringify({ email, password }),
    });
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await attempt('not the password')).status);
  expect(statuses).toEqual([401, 401, 401, 401, 401]);

  const limited = await attempt(PASSWORD);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('x-retry-after'))).toBeGreaterThan(0);
  expect(limited.headers.getSetCookie()).toEqual([]);
});
