import { decrypt } from '@roundhouse/crypto';
import { insertInstance, insertSubscription, insertUser } from '@roundhouse/db/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestServices } from './support/use-test-db';
import { credentialsRouter } from '../src/routers/credentials.router';
import { createCallerFactory, createTRPCRouter } from '../src/trpc';
import { contextFor, sessionCaller } from './support/context';

const createCaller = createCallerFactory(createTRPCRouter({ credentials: credentialsRouter }));

const TELEGRAM = { botToken: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw' };
const DISCORD = {
  botToken: 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GhJkLm.abcdefghijklmnopqrstuvwxyz12345',
  applicationId: '1098765432109876543',
};
const OPENAI = { apiKey: 'sk-proj-Zq8WxVu7TsRp6OnMl5KjIh4GfEd3CbA2' };

const { db, services } = useTestServices();

async function customer(instanceStatus?: 'RUNNING' | 'DEGRADED' | 'PROVISIONING') {
  const user = await insertUser(db());
  const subscription = await insertSubscription(db(), user.id, { status: 'ACTIVE' });
  const instance = instanceStatus
    ? await insertInstance(db(), subscription, { status: instanceStatus })
    : undefined;
  if (instance) {
    await db()
      .updateTable('instances')
      .set({ railway_service_id: `svc-${instance.id}` })
      .where('id', '=', instance.id)
      .execute();
  }
  const api = createCaller(contextFor(services(), sessionCaller(user)));
  return { subscriptionId: subscription.id, instance, api };
}

const doc = (channels: Record<string, unknown>) => JSON.stringify({ channels });

async function jobs(task?: string) {
  const { rows } = await sql<{ task_identifier: string; payload: unknown }>`
    select j.task_identifier, p.payload
    from graphile_worker.jobs j join graphile_worker._private_jobs p using (id)
    order by j.id`.execute(db());
  return task === undefined ? rows : rows.filter((row) => row.task_identifier === task);
}

async function snapshot() {
  const [credentials, audit, deployments] = await Promise.all([
    db().selectFrom('channel_credentials').selectAll().orderBy('id').execute(),
    db().selectFrom('audit_log').select('id').execute(),
    db().selectFrom('deployments').select('id').execute(),
  ]);
  return { credentials, audit: audit.length, deployments: deployments.length, jobs: await jobs() };
}

describe('credentials.importJson', () => {
  it('stores every channel of a valid document, encrypted on arrival', async () => {
    const { subscriptionId, api } = await customer();
    const result = await api.credentials.importJson({
      subscriptionId,
      document: doc({ TELEGRAM, OPENAI }),
    });
    expect(result.credentials.map((row) => [row.channel, row.last4])).toEqual([
      ['TELEGRAM', 'Dsaw'],
      ['OPENAI', 'CbA2'],
    ]);
    expect(JSON.stringify(result)).not.toContain(OPENAI.apiKey);
    const rows = await db()
      .selectFrom('channel_credentials')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .execute();
    for (const row of rows) {
      const aad = { table: 'channel_credentials', rowId: row.id, field: 'ciphertext' };
      const values = JSON.parse(decrypt(services().keyring, row.ciphertext, aad));
      expect(values).toEqual(row.channel === 'OPENAI' ? OPENAI : TELEGRAM);
    }
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', subscriptionId)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('credentials.import');
    expect(JSON.stringify(audit.details)).not.toContain(OPENAI.apiKey);
  });

  it('is all or nothing: one bad channel refuses the whole document', async () => {
    const { subscriptionId, api } = await customer();
    await api.credentials.set({ subscriptionId, channel: 'TELEGRAM', values: TELEGRAM });
    const before = await snapshot();
    const bad = [
      [doc({ OPENAI, ANTHROPIC: { apiKey: OPENAI.apiKey } }), /ANTHROPIC\.apiKey: .*format/],
      [doc({ OPENAI, MYSPACE: { token: 'x' } }), /"MYSPACE": is not a channel/],
      [doc({ OPENAI, TELEGRAM: 'oops' }), /TELEGRAM: Telegram credentials must be an object/],
      [doc({ DISCORD, OPENAI }), /allows 1 chat channel/],
      [doc({}), /lists no channels/],
      [JSON.stringify({ TELEGRAM }), /unexpected shape/],
      [JSON.stringify([1, 2]), /must be a JSON object/],
      [`{"channels": {"OPENAI": {"apiKey": "${OPENAI.apiKey}"`, /not valid JSON/],
    ] as const;
    for (const [document, message] of bad) {
      const error: unknown = await api.credentials
        .importJson({ subscriptionId, document })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(message) });
      expect(JSON.stringify(error)).not.toContain(OPENAI.apiKey);
      expect((error as Error).message).not.toContain(OPENAI.apiKey);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('bounds the document size and refuses a masked export with a clear message', async () => {
    const { subscriptionId, api } = await customer();
    await api.credentials.set({ subscriptionId, channel: 'TELEGRAM', values: TELEGRAM });
    const before = await snapshot();
    const huge = doc({ TELEGRAM: { botToken: TELEGRAM.botToken, padding: 'x'.repeat(70_000) } });
    await expect(
      api.credentials.importJson({ subscriptionId, document: huge }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('65536') });

    const exported = await api.credentials.export({ subscriptionId });
    await expect(
      api.credentials.importJson({ subscriptionId, document: JSON.stringify(exported) }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/masked export/),
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe('credentials.export', () => {
  it('is the masked list as a JSON document, without any value', async () => {
    const { subscriptionId, api } = await customer();
    await api.credentials.importJson({ subscriptionId, document: doc({ TELEGRAM, OPENAI }) });
    await api.credentials.disable({ subscriptionId, channel: 'OPENAI' });
    const exported = await api.credentials.export({ subscriptionId });
    const text = JSON.stringify(exported);
    expect(JSON.parse(text)).toEqual(exported);
    expect(exported).toMatchObject({
      format: 'roundhouse.credentials.export',
      subscriptionId,
      channels: {
        TELEGRAM: { kind: 'chat', last4: 'Dsaw', enabled: true },
        OPENAI: { kind: 'model', last4: 'CbA2', enabled: false },
      },
    });
    for (const secret of [TELEGRAM.botToken, OPENAI.apiKey]) {
      expect(text).not.toContain(secret.slice(0, -4));
    }
    expect(text).not.toContain('rh1.');
  });
});

describe('applying changes to the live instance', () => {
  it('records a VARIABLES deployment and enqueues update_instance_variables when running', async () => {
    const { subscriptionId, instance, api } = await customer('RUNNING');
    await api.credentials.set({ subscriptionId, channel: 'OPENAI', values: OPENAI, apply: false });
    expect(await jobs('update_instance_variables')).toEqual([]);

    const result = await api.credentials.set({
      subscriptionId,
      channel: 'TELEGRAM',
      values: TELEGRAM,
    });
    expect(result.apply).toMatchObject({ status: 'queued', instanceId: instance?.id });
    const deploymentId = result.apply.status === 'queued' ? result.apply.deploymentId : '';
    const deployment = await db()
      .selectFrom('deployments')
      .selectAll()
      .where('id', '=', deploymentId)
      .executeTakeFirstOrThrow();
    expect(deployment).toMatchObject({
      instance_id: instance?.id,
      kind: 'VARIABLES',
      status: 'QUEUED',
      railway_service_id: `svc-${instance?.id}`,
    });
    const updated = await db()
      .selectFrom('instances')
      .selectAll()
      .where('id', '=', instance!.id)
      .executeTakeFirstOrThrow();
    expect(updated).toMatchObject({ status: 'DEPLOYING', current_deployment_id: deploymentId });
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', instance!.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: 'instance.update_variables',
      details: { fromStatus: 'RUNNING', toStatus: 'DEPLOYING', deploymentId },
    });
    const queued = await jobs('update_instance_variables');
    expect(queued.map((job) => job.payload)).toContainEqual({
      instanceId: instance?.id,
      deploymentId,
    });

    // while that deployment is in flight, a further change is saved but not applied
    const next = await api.credentials.disable({ subscriptionId, channel: 'TELEGRAM' });
    expect(next.apply).toMatchObject({
      status: 'skipped',
      reason: 'INSTANCE_NOT_READY',
      message: expect.stringContaining('VARIABLES deployment in progress'),
    });
    expect(await jobs('update_instance_variables')).toHaveLength(1);
  });

  it('skips (and says why) without an instance or when not running', async () => {
    const none = await customer();
    const provisioning = await customer('PROVISIONING');
    const unlinked = await customer('RUNNING');
    await db()
      .updateTable('instances')
      .set({ railway_service_id: null })
      .where('id', '=', unlinked.instance!.id)
      .execute();
    const cases = [
      [none, 'NO_INSTANCE', /will use them when it is created/],
      [provisioning, 'INSTANCE_NOT_READY', /the instance is PROVISIONING/],
      [unlinked, 'INSTANCE_NOT_READY', /has no Railway service yet/],
    ] as const;
    for (const [{ subscriptionId, api }, reason, message] of cases) {
      const result = await api.credentials.set({
        subscriptionId,
        channel: 'TELEGRAM',
        values: TELEGRAM,
      });
      expect(result.apply).toEqual({
        status: 'skipped',
        reason,
        message: expect.stringMatching(message),
      });
    }
    expect(await jobs('update_instance_variables')).toHaveLength(1); // the previous test's
  });

  it('applyToInstance pushes the stored credentials as they are', async () => {
    const { subscriptionId, instance, api } = await customer('RUNNING');
    await api.credentials.importJson({
      subscriptionId,
      document: doc({ TELEGRAM, OPENAI }),
      apply: false,
    });
    const before = await db().selectFrom('channel_credentials').selectAll().execute();
    const result = await api.credentials.applyToInstance({ subscriptionId });
    expect(result.apply.status).toBe('queued');
    expect(await db().selectFrom('channel_credentials').selectAll().execute()).toEqual(before);
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', 'in', [subscriptionId, instance!.id])
      .orderBy('created_at')
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual([
      'credentials.import',
      'instance.update_variables',
    ]);
  });
});
