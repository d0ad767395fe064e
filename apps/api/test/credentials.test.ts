import { decrypt, DecryptionError } from '@roundhouse/crypto';
import type { User } from '@roundhouse/db';
import { insertSubscription, insertUser } from '@roundhouse/db/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestServices } from './support/use-test-db';
import { credentialsRouter } from '../src/routers/credentials.router';
import { createCallerFactory, createTRPCRouter } from '../src/trpc';
import { apiKeyCaller, contextFor, sessionCaller } from './support/context';

const router = createTRPCRouter({ credentials: credentialsRouter });
const createCaller = createCallerFactory(router);

/** Plausible values in each platform's format; the secret ones must never come back. */
const TELEGRAM = { botToken: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw' };
const DISCORD = {
  botToken: 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GhJkLm.abcdefghijklmnopqrstuvwxyz12345',
  applicationId: '1098765432109876543',
};
const OPENAI = { apiKey: 'sk-proj-Zq8WxVu7TsRp6OnMl5KjIh4GfEd3CbA2' };
const SECRETS = [TELEGRAM.botToken, DISCORD.botToken, OPENAI.apiKey];

const { db, services } = useTestServices();

async function customer(plan: 'BASIC' | 'PRO' = 'BASIC') {
  const user = await insertUser(db());
  const subscription = await insertSubscription(db(), user.id, { status: 'ACTIVE', plan });
  const api = createCaller(contextFor(services(), sessionCaller(user)));
  return { user, subscriptionId: subscription.id, api };
}

/** Every substring of 8+ characters of a secret: at most a last-4 may show. */
function expectNoSecrets(response: unknown) {
  const text = JSON.stringify(response);
  for (const secret of SECRETS) {
    for (let i = 0; i + 8 <= secret.length; i++) expect(text).not.toContain(secret.slice(i, i + 8));
  }
}

/** What a refused call must leave untouched. */
async function snapshot() {
  const [credentials, audit, jobs] = await Promise.all([
    db().selectFrom('channel_credentials').selectAll().orderBy('id').execute(),
    db().selectFrom('audit_log').select('id').execute(),
    sql<{ n: string }>`select count(*) as n from graphile_worker.jobs`.execute(db()),
  ]);
  return { credentials, audit: audit.length, jobs: jobs.rows[0]?.n };
}

describe('credentials.set', () => {
  it('stores a channel encrypted and lists it masked, never with its values', async () => {
    const { subscriptionId, api } = await customer();
    const result = await api.credentials.set({
      subscriptionId,
      channel: 'TELEGRAM',
      values: TELEGRAM,
    });
    expectNoSecrets(result);
    expect(result.credentials).toEqual([
      expect.objectContaining({
        channel: 'TELEGRAM',
        kind: 'chat',
        displayName: { zh: 'Telegram', en: 'Telegram' },
        last4: 'Dsaw',
        fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
        enabled: true,
        validatedAt: expect.any(Date),
      }),
    ]);
    const listed = await api.credentials.list({ subscriptionId });
    expect(listed).toEqual(result.credentials);
    expectNoSecrets(listed);
    expect(JSON.stringify(listed)).not.toContain('rh1.');
  });

  it('binds the ciphertext to its row and field: it decrypts there and nowhere else', async () => {
    const { subscriptionId, api } = await customer('PRO');
    await api.credentials.set({ subscriptionId, channel: 'TELEGRAM', values: TELEGRAM });
    await api.credentials.set({ subscriptionId, channel: 'OPENAI', values: OPENAI });
    const rows = await db()
      .selectFrom('channel_credentials')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .orderBy('channel')
      .execute();
    const [openai, telegram] = rows;
    if (!openai || !telegram) throw new Error('expected two rows');
    const aad = (rowId: string) => ({ table: 'channel_credentials', rowId, field: 'ciphertext' });

    expect(JSON.parse(decrypt(services().keyring, telegram.ciphertext, aad(telegram.id)))).toEqual(
      TELEGRAM,
    );
    expect(telegram.key_version).toBe(services().keyring.primaryKeyId);
    expect(telegram.ciphertext).not.toContain(TELEGRAM.botToken);
    // swapped into the other row, or read as another field: authentication fails
    expect(() => decrypt(services().keyring, telegram.ciphertext, aad(openai.id))).toThrow(
      DecryptionError,
    );
    expect(() =>
      decrypt(services().keyring, telegram.ciphertext, { ...aad(telegram.id), field: 'secret' }),
    ).toThrow(DecryptionError);
  });

  it('replaces the values of a channel in place, re-encrypted and re-fingerprinted', async () => {
    const { subscriptionId, api } = await customer();
    const first = await api.credentials.set({
      subscriptionId,
      channel: 'TELEGRAM',
      values: TELEGRAM,
    });
    const values = { botToken: '987654321:BBHdqTcvCH1vGWJxfSeofSAs0K5PALDxyz9' };
    const second = await api.credentials.set({ subscriptionId, channel: 'TELEGRAM', values });
    expect(second.credentials).toHaveLength(1);
    expect(second.credentials[0]?.last4).toBe('xyz9');
    expect(second.credentials[0]?.fingerprint).not.toBe(first.credentials[0]?.fingerprint);
    const row = await db()
      .selectFrom('channel_credentials')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .executeTakeFirstOrThrow();
    const aad = { table: 'channel_credentials', rowId: row.id, field: 'ciphertext' };
    expect(JSON.parse(decrypt(services().keyring, row.ciphertext, aad))).toEqual(values);
  });

  it('refuses invalid values with the fields named, never the values, and changes nothing', async () => {
    const { subscriptionId, api } = await customer();
    await api.credentials.set({ subscriptionId, channel: 'TELEGRAM', values: TELEGRAM });
    const before = await snapshot();
    const wrong = 'sk-ant-api03-definitelyNotAnOpenAiKey123';
    const error = await api.credentials
      .set({ subscriptionId, channel: 'OPENAI', values: { apiKey: wrong, colour: 'blue' } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/OPENAI\.apiKey: .*not in the expected format/),
    });
    expect(error).toMatchObject({ message: expect.stringContaining('OPENAI.colour: ') });
    expect(JSON.stringify(error)).not.toContain(wrong);
    expect(String((error as Error).message)).not.toContain(wrong);
    expect(await snapshot()).toEqual(before);
  });

  it('rejects malformed input to every mutation with a readable message, touching nothing', async () => {
    const { subscriptionId, api } = await customer();
    await api.credentials.set({ subscriptionId, channel: 'TELEGRAM', values: TELEGRAM });
    const before = await snapshot();
    const telegram = { subscriptionId, channel: 'TELEGRAM' };
    const bad: Array<[(input: never) => Promise<unknown>, unknown, RegExp]> = [
      [
        api.credentials.set,
        { ...telegram, subscriptionId: 'not-a-uuid', values: TELEGRAM },
        /UUID/,
      ],
      [api.credentials.set, { ...telegram, channel: 'MYSPACE', values: TELEGRAM }, /TELEGRAM/],
      [api.credentials.set, { ...telegram, values: { botToken: 'x'.repeat(5_000) } }, /4096/],
      [api.credentials.set, { ...telegram, values: 'token' }, /expected record/],
      [api.credentials.set, { ...telegram, values: TELEGRAM, apply: 'yes' }, /boolean/],
      [api.credentials.enable, { ...telegram, channel: 'telegram' }, /Invalid option/],
      [api.credentials.disable, { channel: 'TELEGRAM' }, /subscriptionId/],
      [api.credentials.delete, { ...telegram, subscriptionId: 42 }, /string/],
      [api.credentials.importJson, { subscriptionId, document: '' }, /1 character/],
      [api.credentials.applyToInstance, { subscriptionId: 'x' }, /UUID/],
    ];
    for (const [procedure, input, message] of bad) {
      await expect(procedure(input as never)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(message),
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("enforces the plan's chat channel limit; model providers do not count", async () => {
    const { subscriptionId, api } = await customer('BASIC');
    await api.credentials.set({ subscriptionId, channel: 'TELEGRAM', values: TELEGRAM });
    await api.credentials.set({ subscriptionId, channel: 'OPENAI', values: OPENAI });
    const before = await snapshot();
    await expect(
      api.credentials.set({ subscriptionId, channel: 'DISCORD', values: DISCORD }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Basic plan allows 1 chat channel'),
    });
    expect(await snapshot()).toEqual(before);

    // a disabled channel frees its slot, and enabling it again is checked too
    await api.credentials.disable({ subscriptionId, channel: 'TELEGRAM' });
    await api.credentials.set({ subscriptionId, channel: 'DISCORD', values: DISCORD });
    await expect(
      api.credentials.enable({ subscriptionId, channel: 'TELEGRAM' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('DISCORD') });
  });

  it('lets only one of two concurrent chat channels into a one-channel plan', async () => {
    const { subscriptionId, api } = await customer('BASIC');
    const results = await Promise.allSettled([
      api.credentials.set({ subscriptionId, channel: 'TELEGRAM', values: TELEGRAM }),
      api.credentials.set({ subscriptionId, channel: 'DISCORD', values: DISCORD }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'BAD_REQUEST' });
    const rows = await db()
      .selectFrom('channel_credentials')
      .select('channel')
      .where('subscription_id', '=', subscriptionId)
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe('enable, disable, delete', () => {
  it('toggle and remove a channel, each audited with channel and fingerprint only', async () => {
    const { user, subscriptionId, api } = await customer();
    const set = await api.credentials.set({
      subscriptionId,
      channel: 'TELEGRAM',
      values: TELEGRAM,
    });
    const fingerprint = set.credentials[0]?.fingerprint;

    const disabled = await api.credentials.disable({ subscriptionId, channel: 'TELEGRAM' });
    expect(disabled.credentials[0]?.enabled).toBe(false);
    const enabled = await api.credentials.enable({ subscriptionId, channel: 'TELEGRAM' });
    expect(enabled.credentials[0]?.enabled).toBe(true);
    const deleted = await api.credentials.delete({ subscriptionId, channel: 'TELEGRAM' });
    expect(deleted.credentials).toEqual([]);
    await expect(
      api.credentials.delete({ subscriptionId, channel: 'TELEGRAM' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', subscriptionId)
      .orderBy('at')
      .orderBy('created_at')
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual([
      'credentials.set',
      'credentials.disable',
      'credentials.enable',
      'credentials.delete',
    ]);
    expect(audit.every((entry) => entry.actor_type === 'USER' && entry.actor_id === user.id)).toBe(
      true,
    );
    expect(audit[1]?.details).toMatchObject({ channel: 'TELEGRAM', fingerprint });
    expectNoSecrets(audit);
  });

  it('names the API key as the actor when one made the change', async () => {
    const { user, subscriptionId } = await customer();
    const api = createCaller(
      contextFor(services(), apiKeyCaller(user, { credentials: ['read', 'write'] })),
    );
    await api.credentials.set({ subscriptionId, channel: 'TELEGRAM', values: TELEGRAM });
    const entry = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', subscriptionId)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_type: 'API_KEY', actor_id: `key-${user.id}` });
  });
});

describe("another customer's subscription", () => {
  it('is NOT_FOUND for every procedure, and nothing of it changes', async () => {
    const a = await customer();
    await a.api.credentials.set({
      subscriptionId: a.subscriptionId,
      channel: 'TELEGRAM',
      values: TELEGRAM,
    });
    const b: User = await insertUser(db());
    const api = createCaller(contextFor(services(), sessionCaller(b)));
    const before = await snapshot();
    const target = { subscriptionId: a.subscriptionId, channel: 'TELEGRAM' as const };
    const calls = [
      () => api.credentials.list({ subscriptionId: a.subscriptionId }),
      () => api.credentials.export({ subscriptionId: a.subscriptionId }),
      () => api.credentials.set({ ...target, values: TELEGRAM }),
      () => api.credentials.disable(target),
      () => api.credentials.enable(target),
      () => api.credentials.delete(target),
      () => api.credentials.applyToInstance({ subscriptionId: a.subscriptionId }),
      () =>
        api.credentials.importJson({
          subscriptionId: a.subscriptionId,
          document: JSON.stringify({ channels: { TELEGRAM } }),
        }),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshot()).toEqual(before);
  });
});
