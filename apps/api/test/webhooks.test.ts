import { decrypt, DecryptionError } from '@roundhouse/crypto';
import type { User } from '@roundhouse/db';
import { MAX_WEBHOOK_ENDPOINTS_PER_USER } from '@roundhouse/db/repositories/webhook-endpoints';
import { insertUser } from '@roundhouse/db/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestServices } from './support/use-test-db';
import { webhooksRouter } from '../src/routers/webhooks.router';
import { createCallerFactory, createTRPCRouter } from '../src/trpc';
import { contextFor, sessionCaller } from './support/context';

const createCaller = createCallerFactory(createTRPCRouter({ webhooks: webhooksRouter }));

const { db, services } = useTestServices();

const callerFor = (user: User) => createCaller(contextFor(services(), sessionCaller(user)));
const URL_A = 'https://hooks.example.com/roundhouse';

async function endpointRow(id: string) {
  return db().selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
}

async function testJobs() {
  const { rows } = await sql<{ key: string | null; payload: unknown }>`
    select j.key, p.payload
    from graphile_worker.jobs j join graphile_worker._private_jobs p using (id)
    where j.task_identifier = 'send_webhook_test'`.execute(db());
  return rows;
}

async function snapshot() {
  const [endpoints, audit] = await Promise.all([
    db().selectFrom('webhook_endpoints').selectAll().orderBy('id').execute(),
    db().selectFrom('audit_log').select('id').execute(),
  ]);
  return { endpoints, audit: audit.length, jobs: await testJobs() };
}

describe('create and rotateSecret', () => {
  it('show the secret once; it is stored encrypted, bound to its row', async () => {
    const user = await insertUser(db());
    const api = callerFor(user);
    const created = await api.webhooks.create({
      url: URL_A,
      events: ['instance.failed', 'deployment.failed', 'instance.failed'],
      description: 'pager',
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.endpoint).toMatchObject({
      url: URL_A,
      events: ['instance.failed', 'deployment.failed'],
      enabled: true,
      description: 'pager',
    });
    const id = created.endpoint.id;
    const listed = await api.webhooks.list();
    const fetched = await api.webhooks.get({ endpointId: id });
    expect(listed).toEqual([created.endpoint]);
    expect(fetched).toEqual(created.endpoint);
    expect(JSON.stringify([listed, fetched])).not.toContain(created.secret);

    const row = await endpointRow(id);
    const aad = { table: 'webhook_endpoints', rowId: id, field: 'secret_ciphertext' };
    expect(decrypt(services().keyring, row!.secret_ciphertext, aad)).toBe(created.secret);
    expect(row?.secret_key_version).toBe(services().keyring.primaryKeyId);
    expect(() =>
      decrypt(services().keyring, row!.secret_ciphertext, { ...aad, rowId: crypto.randomUUID() }),
    ).toThrow(DecryptionError);

    const rotated = await api.webhooks.rotateSecret({ endpointId: id });
    expect(rotated.secret).not.toBe(created.secret);
    const after = await endpointRow(id);
    expect(decrypt(services().keyring, after!.secret_ciphertext, aad)).toBe(rotated.secret);
    expect(JSON.stringify(await api.webhooks.list())).not.toContain(rotated.secret);

    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', id)
      .orderBy('created_at')
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual([
      'webhooks.create',
      'webhooks.rotate_secret',
    ]);
    expect(audit[0]?.details).toEqual({
      host: 'hooks.example.com',
      events: ['instance.failed', 'deployment.failed'],
    });
    expect(JSON.stringify(audit)).not.toMatch(/whsec_/);
  });

  it('refuses bad input with a readable message and stores nothing', async () => {
    const api = callerFor(await insertUser(db()));
    const before = await snapshot();
    const bad: Array<[unknown, RegExp]> = [
      [{ url: 'http://hooks.example.com/x', events: ['instance.running'] }, /must use https/],
      [
        { url: 'ftp://hooks.example.com/x', events: ['instance.running'] },
        /must use https, not ftp/,
      ],
      [{ url: 'https://10.1.2.3/x', events: ['instance.running'] }, /public address/],
      [{ url: 'https://u:p@hooks.example.com', events: ['instance.running'] }, /user name/],
      [{ url: 'not a url', events: ['instance.running'] }, /not a valid absolute URL/],
      [{ url: URL_A, events: [] }, /at least one event/],
      [{ url: URL_A, events: ['instance.exploded'] }, /Invalid option/],
      [{ url: `https://x.example/${'a'.repeat(2_100)}`, events: ['instance.running'] }, /2048/],
    ];
    for (const [input, message] of bad) {
      await expect(api.webhooks.create(input as never)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(message),
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it(`allows at most ${MAX_WEBHOOK_ENDPOINTS_PER_USER} endpoints per user, even when created at once`, async () => {
    const api = callerFor(await insertUser(db()));
    const attempts = await Promise.allSettled(
      Array.from({ length: MAX_WEBHOOK_ENDPOINTS_PER_USER + 3 }, (_, i) =>
        api.webhooks.create({ url: `${URL_A}/${i}`, events: ['instance.running'] }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(
      MAX_WEBHOOK_ENDPOINTS_PER_USER,
    );
    for (const attempt of attempts.filter((a) => a.status === 'rejected')) {
      expect(attempt.reason).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await api.webhooks.list()).toHaveLength(MAX_WEBHOOK_ENDPOINTS_PER_USER);
  });
});

describe('update, delete, sendTest', () => {
  it('update changes what is given; re-enabling resets the failure streak', async () => {
    const user = await insertUser(db());
    const api = callerFor(user);
    const { endpoint } = await api.webhooks.create({ url: URL_A, events: ['instance.running'] });
    await db().updateTable('webhook_endpoints').set({ failure_count: 7, enabled: false }).execute();
    const updated = await api.webhooks.update({
      endpointId: endpoint.id,
      url: 'https://other.example.com/hook',
      events: ['deployment.succeeded'],
      description: '',
      enabled: true,
    });
    expect(updated).toMatchObject({
      url: 'https://other.example.com/hook',
      events: ['deployment.succeeded'],
      description: null,
      enabled: true,
      failureCount: 0,
    });
    const before = await snapshot();
    for (const input of [
      { endpointId: endpoint.id },
      { endpointId: endpoint.id, url: 'http://example.com' },
      { endpointId: endpoint.id, events: [] },
      { endpointId: 'x', enabled: true },
    ]) {
      await expect(api.webhooks.update(input as never)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('sendTest enqueues one pending test per endpoint; delete removes the endpoint', async () => {
    const api = callerFor(await insertUser(db()));
    const { endpoint } = await api.webhooks.create({ url: URL_A, events: ['instance.running'] });
    expect(await api.webhooks.sendTest({ endpointId: endpoint.id })).toEqual({ queued: true });
    await api.webhooks.sendTest({ endpointId: endpoint.id });
    const mine = (await testJobs()).filter((job) => job.key === `webhook-test:${endpoint.id}`);
    expect(mine).toEqual([
      { key: `webhook-test:${endpoint.id}`, payload: { endpointId: endpoint.id } },
    ]);

    expect(await api.webhooks.delete({ endpointId: endpoint.id })).toMatchObject({
      id: endpoint.id,
    });
    expect(await endpointRow(endpoint.id)).toBeUndefined();
    await expect(api.webhooks.get({ endpointId: endpoint.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

it('delete, rotateSecret and sendTest reject a malformed id, changing nothing', async () => {
  const api = callerFor(await insertUser(db()));
  await api.webhooks.create({ url: URL_A, events: ['instance.running'] });
  const before = await snapshot();
  for (const procedure of [api.webhooks.delete, api.webhooks.rotateSecret, api.webhooks.sendTest]) {
    for (const input of [{ endpointId: 'nope' }, {}]) {
      await expect(procedure(input as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
  }
  expect(await snapshot()).toEqual(before);
});

describe("another user's endpoint", () => {
  it('is NOT_FOUND for every procedure and stays as it was', async () => {
    const owner = await insertUser(db());
    const { endpoint } = await callerFor(owner).webhooks.create({
      url: URL_A,
      events: ['instance.running'],
    });
    const api = callerFor(await insertUser(db()));
    const before = await snapshot();
    const byId = { endpointId: endpoint.id };
    const calls = [
      () => api.webhooks.get(byId),
      () => api.webhooks.update({ ...byId, enabled: false }),
      () => api.webhooks.rotateSecret(byId),
      () => api.webhooks.sendTest(byId),
      () => api.webhooks.delete(byId),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await api.webhooks.list()).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});
