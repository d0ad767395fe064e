import { startTestApi, type TestApi } from '@roundhouse/api/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData, type SeedOptions } from '../src/seeds';

let api: TestApi;
let options: SeedOptions;
beforeAll(async () => {
  api = await startTestApi();
  options = {
    db: api.db,
    apiUrl: api.url,
    origin: api.origin,
    template: { projectId: 'tpl-project', serviceId: null },
  };
});
afterAll(() => api?.close());

async function signIn(email: string, password: string): Promise<number> {
  const res = await api.fetch('/api/auth/sign-in/email', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: api.origin },
    body: JSON.stringify({ email, password }),
  });
  await res.body?.cancel();
  return res.status;
}

async function counts() {
  const count = (table: 'user' | 'subscriptions' | 'instances' | 'channel_credentials') =>
    api.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.n));
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from graphile_worker.jobs where task_identifier = 'clone_instance'
  `.execute(api.db);
  return {
    users: await count('user'),
    subscriptions: await count('subscriptions'),
    instances: await count('instances'),
    credentials: await count('channel_credentials'),
    cloneJobs: Number(rows[0]!.n),
  };
}

/** What one seeding leaves, however often the stack starts: two users, the demo's instance. */
const SEEDED = { users: 2, subscriptions: 1, instances: 1, credentials: 0, cloneJobs: 1 };

describe('development seeds', () => {
  it('creates an admin and a demo customer whose instance is queued for provisioning, once', async () => {
    const first = await seedDemoData(options);
    expect(first.accounts.map((a) => [a.role, a.email, a.created])).toEqual([
      ['admin', 'admin@example.com', true],
      ['customer', 'demo@example.com', true],
    ]);
    // The printed passwords work, through the api a browser uses.
    for (const account of first.accounts) {
      expect(account.password).toMatch(/^[\w-]{16}$/);
      expect(await signIn(account.email, account.password!)).toBe(200);
    }
    const users = await api.db.selectFrom('user').select(['email', 'role']).execute();
    expect(users).toEqual(
      expect.arrayContaining([
        { email: 'admin@example.com', role: 'admin' },
        { email: 'demo@example.com', role: 'user' },
      ]),
    );
    const instance = await api.db
      .selectFrom('instances as i')
      .innerJoin('subscriptions as s', 's.id', 'i.subscription_id')
      .innerJoin('user as u', 'u.id', 'i.user_id')
      .select(['i.id', 'i.status', 's.status as sub', 's.source', 's.plan', 'u.email'])
      .executeTakeFirstOrThrow();
    expect(instance).toMatchObject({
      id: first.grantedInstanceId,
      status: 'PROVISIONING',
      sub: 'ACTIVE',
      source: 'COMPLIMENTARY',
      plan: 'BASIC',
      email: 'demo@example.com',
    });
    expect(await counts()).toEqual(SEEDED);

    // A second start: nothing new, no password to show, the old ones still work.
    const second = await seedDemoData(options);
    expect(second.accounts.map((a) => [a.email, a.created, a.password])).toEqual([
      ['admin@example.com', false, null],
      ['demo@example.com', false, null],
    ]);
    expect(second.grantedInstanceId).toBeNull();
    expect(await counts()).toEqual(SEEDED);
    expect(await signIn('demo@example.com', first.accounts[1]!.password!)).toBe(200);
  });

  it('re-promotes the admin if someone demoted it, and reports a refused sign-up clearly', async () => {
    await api.db
      .updateTable('user')
      .set({ role: 'user' })
      .where('email', '=', 'admin@example.com')
      .execute();
    await seedDemoData(options);
    const admin = await api.db
      .selectFrom('user')
      .select('role')
      .where('email', '=', 'admin@example.com')
      .executeTakeFirstOrThrow();
    expect(admin.role).toBe('admin');

    await api.db.deleteFrom('user').where('email', '=', 'admin@example.com').execute();
    await expect(seedDemoData({ ...options, generatePassword: () => 'short' })).rejects.toThrow(
      /Signing up admin@example.com failed: HTTP 400/,
    );
    expect(await counts()).toMatchObject({ users: 1, subscriptions: 1 });
  });
});
