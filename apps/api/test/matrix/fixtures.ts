import { randomUUID } from 'node:crypto';
import { encrypt, envelopeKeyId, fingerprint, last4 } from '@roundhouse/crypto';
import {
  insertDeployment,
  insertInstance,
  insertOrder,
  insertSubscription,
  insertUser,
} from '@roundhouse/db/testing';
import { issueInvoice } from '@roundhouse/db/repositories/invoices';
import type { User } from '@roundhouse/db';
import { PERMISSION_ACTIONS, PERMISSION_RESOURCES } from '../../src/auth/permissions';
import type { ApiServices } from '../../src/context';
import type { MatrixCustomer, MatrixWorld } from './types';

/** Every permission there is: fixture keys can do anything their user may. */
export const ALL_PERMISSIONS = Object.fromEntries(
  PERMISSION_RESOURCES.map((resource) => [resource, [...PERMISSION_ACTIONS]]),
);

/**
 * Builds the matrix world in the services' database: customers A and B with the same kinds of
 * resources, and an admin who owns nothing. Each call makes new rows (ids never collide), so
 * mutations can get a world of their own.
 */
export async function buildMatrixWorld(services: ApiServices): Promise<MatrixWorld> {
  const [a, b, admin] = await Promise.all([
    buildCustomer(services, 'a'),
    buildCustomer(services, 'b'),
    insertNamedUser(services, 'admin', 'admin'),
  ]);
  return { services, a, b, admin: { user: admin, apiKey: await createKey(services, admin) } };
}

async function insertNamedUser(
  services: ApiServices,
  label: string,
  role: 'user' | 'admin' = 'user',
): Promise<User> {
  const user = await insertUser(services.db);
  return services.db
    .updateTable('user')
    .set({ name: `Matrix ${label}`, email: `${label}-${user.id}@example.test`, role })
    .where('id', '=', user.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function buildCustomer(services: ApiServices, label: string): Promise<MatrixCustomer> {
  const { db } = services;
  const user = await insertNamedUser(services, `customer-${label}`);
  const subscription = await insertSubscription(db, user.id, { status: 'ACTIVE' });
  const running = await insertInstance(db, subscription, { status: 'RUNNING' });
  const previous = await insertDeployment(db, running.id, { status: 'SUCCEEDED' });
  const current = await insertDeployment(db, running.id, { status: 'SUCCEEDED' });
  const finished = await db
    .updateTable('deployments')
    .set({ finished_at: new Date(), progress: 100, next_log_offset: 3 })
    .where('id', 'in', [previous.id, current.id])
    .returningAll()
    .execute();
  const logs = await db
    .insertInto('deployment_logs')
    .values(
      ['building', 'deploying', 'healthy'].map((message, seq) => ({
        deployment_id: current.id,
        seq,
        ts: new Date(Date.now() - (3 - seq) * 1000),
        stream: 'deploy' as const,
        message,
      })),
    )
    .returningAll()
    .execute();
  const instance = await db
    .updateTable('instances')
    .set({
      railway_project_id: `prj-${running.id}`,
      railway_environment_id: `env-${running.id}`,
      railway_service_id: `svc-${running.id}`,
      domain: `${running.id}.up.railway.app`,
      public_url: `https://${running.id}.up.railway.app`,
      provisioned_at: new Date(),
      current_deployment_id: current.id,
      last_good_deployment_id: previous.id,
    })
    .where('id', '=', running.id)
    .returningAll()
    .executeTakeFirstOrThrow();

  const failedSubscription = await insertSubscription(db, user.id, { status: 'ACTIVE' });
  const failedInstance = await db
    .updateTable('instances')
    .set({ error_class: 'NETWORK', error_message: 'clone failed', status_reason: 'clone failed' })
    .where('id', '=', (await insertInstance(db, failedSubscription, { status: 'FAILED' })).id)
    .returningAll()
    .executeTakeFirstOrThrow();

  const order = await insertOrder(db, user.id, { status: 'PAID' });
  const invoiceId = await db.transaction().execute((trx) => issueInvoice(trx, order.id));
  // numbered as its transaction committed: read it after
  const invoice = await db
    .selectFrom('invoices')
    .selectAll()
    .where('id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  return {
    user,
    subscription,
    instance,
    deployments: {
      previous: finished.find((row) => row.id === previous.id) ?? previous,
      current: finished.find((row) => row.id === current.id) ?? current,
    },
    logs,
    failedSubscription,
    failedInstance,
    credential: await insertCredential(services, subscription.id),
    notification: await db
      .insertInto('notifications')
      .values({ user_id: user.id, type: 'instance.running', title: 'Running', body: 'Up' })
      .returningAll()
      .executeTakeFirstOrThrow(),
    webhookEndpoint: await insertWebhookEndpoint(services, user.id),
    order,
    invoice,
    apiKey: await createKey(services, user),
  };
}

async function insertCredential(services: ApiServices, subscriptionId: string) {
  const id = randomUUID();
  const botToken = `123456789:${randomUUID().replaceAll('-', '')}`;
  const ciphertext = encrypt(services.keyring, JSON.stringify({ botToken }), {
    table: 'channel_credentials',
    rowId: id,
    field: 'ciphertext',
  });
  return services.db
    .insertInto('channel_credentials')
    .values({
      id,
      subscription_id: subscriptionId,
      channel: 'TELEGRAM',
      ciphertext,
      key_version: envelopeKeyId(ciphertext),
      last4: last4(botToken),
      fingerprint: fingerprint(botToken),
      validated_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function insertWebhookEndpoint(services: ApiServices, userId: string) {
  const id = randomUUID();
  const secret = encrypt(services.keyring, `whsec_${randomUUID()}`, {
    table: 'webhook_endpoints',
    rowId: id,
    field: 'secret_ciphertext',
  });
  return services.db
    .insertInto('webhook_endpoints')
    .values({
      id,
      user_id: userId,
      url: 'https://hooks.example.test/roundhouse',
      secret_ciphertext: secret,
      secret_key_version: envelopeKeyId(secret),
      events: ['instance.running'],
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A real key through better-auth (server-side call: permissions may be set). */
async function createKey(services: ApiServices, user: User) {
  const created = await services.auth.api.createApiKey({
    body: { userId: user.id, name: 'matrix', permissions: ALL_PERMISSIONS },
  });
  return { id: created.id, key: created.key };
}
