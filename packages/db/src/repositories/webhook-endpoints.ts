import { randomUUID } from 'node:crypto';
import { jobKeys, ResourceError } from '@roundhouse/core';
import { sql, type Transaction } from 'kysely';
import type { DbOrTrx } from '../client';
import { enqueue } from '../enqueue';
import type { Database } from '../schema/database';
import type { WebhookEndpoint } from '../schema/messaging';
import { type AuditActor, recordAudit } from './audit';
import type { Sealed } from './credentials';

/**
 * Outbound webhook endpoints of a user. Ownership is part of every query (`user_id`). The
 * signing secret is stored encrypted; this package cannot encrypt, so callers pass `seal`,
 * called with the row id the ciphertext is bound to. Nothing here returns the ciphertext.
 */

/**
 * Events an endpoint can subscribe to: the notification types the worker emits
 * (apps/worker notify.ts), which it delivers to endpoints whose `events` contain the type.
 */
export const WEBHOOK_EVENTS = [
  'instance.running',
  'instance.degraded',
  'instance.recovered',
  'instance.failed',
  'instance.suspended',
  'instance.resumed',
  'instance.deleted',
  'deployment.succeeded',
  'deployment.failed',
  'deployment.timed_out',
  'deployment.rolled_back',
  'subscription.activated',
  'subscription.renewed',
  'subscription.past_due',
  'subscription.canceled',
  'subscription.expired',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Each endpoint costs a delivery per event: a bound keeps one account from fanning out. */
export const MAX_WEBHOOK_ENDPOINTS_PER_USER = 10;

export type WebhookEndpointView = Omit<WebhookEndpoint, 'secret_ciphertext' | 'secret_key_version'>;

const VIEW_COLUMNS = [
  'id',
  'user_id',
  'url',
  'events',
  'enabled',
  'description',
  'failure_count',
  'last_delivery_at',
  'created_at',
  'updated_at',
] as const;

interface Owned {
  userId: string;
  endpointId: string;
}

export interface WebhookEndpointChanges {
  url?: string;
  events?: readonly WebhookEvent[];
  description?: string | null;
  enabled?: boolean;
}

export function listWebhookEndpoints(db: DbOrTrx, userId: string): Promise<WebhookEndpointView[]> {
  return db
    .selectFrom('webhook_endpoints')
    .select(VIEW_COLUMNS)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function getWebhookEndpoint(db: DbOrTrx, owned: Owned): Promise<WebhookEndpointView> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .select(VIEW_COLUMNS)
    .where('id', '=', owned.endpointId)
    .where('user_id', '=', owned.userId)
    .executeTakeFirst();
  return row ?? notFound(owned.endpointId);
}

export async function createWebhookEndpoint(
  trx: Transaction<Database>,
  input: {
    userId: string;
    url: string;
    events: readonly WebhookEvent[];
    description: string | null;
    seal: (rowId: string) => Sealed;
    by: AuditActor;
  },
): Promise<WebhookEndpointView> {
  // Serialises creates per user so two concurrent requests cannot both pass the count.
  await sql`select pg_advisory_xact_lock(hashtextextended(${`webhook_endpoints:${input.userId}`}, 0))`.execute(
    trx,
  );
  const { count } = await trx
    .selectFrom('webhook_endpoints')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', input.userId)
    .executeTakeFirstOrThrow();
  if (Number(count) >= MAX_WEBHOOK_ENDPOINTS_PER_USER) {
    throw new ResourceError(
      `You already have ${MAX_WEBHOOK_ENDPOINTS_PER_USER} webhook endpoints, the most allowed; ` +
        'delete one first',
      { reason: 'QUOTA' },
    );
  }
  const id = randomUUID();
  const secret = input.seal(id);
  const row = await trx
    .insertInto('webhook_endpoints')
    .values({
      id,
      user_id: input.userId,
      url: input.url,
      events: [...input.events],
      description: input.description,
      secret_ciphertext: secret.ciphertext,
      secret_key_version: secret.keyVersion,
    })
    .returning(VIEW_COLUMNS)
    .executeTakeFirstOrThrow();
  await audit(trx, input.by, 'webhooks.create', row);
  return row;
}

export async function updateWebhookEndpoint(
  trx: Transaction<Database>,
  input: Owned & { changes: WebhookEndpointChanges; by: AuditActor },
): Promise<WebhookEndpointView> {
  const { url, events, description, enabled } = input.changes;
  const row = await trx
    .updateTable('webhook_endpoints')
    .set({
      ...(url !== undefined && { url }),
      ...(events !== undefined && { events: [...events] }),
      ...(description !== undefined && { description }),
      // Re-enabling starts the failure streak over (the worker disables after repeated failures).
      ...(enabled !== undefined && { enabled, ...(enabled && { failure_count: 0 }) }),
    })
    .where('id', '=', input.endpointId)
    .where('user_id', '=', input.userId)
    .returning(VIEW_COLUMNS)
    .executeTakeFirst();
  if (!row) return notFound(input.endpointId);
  await audit(trx, input.by, 'webhooks.update', row, { changed: Object.keys(input.changes) });
  return row;
}

export async function deleteWebhookEndpoint(
  trx: Transaction<Database>,
  input: Owned & { by: AuditActor },
): Promise<WebhookEndpointView> {
  const row = await trx
    .deleteFrom('webhook_endpoints')
    .where('id', '=', input.endpointId)
    .where('user_id', '=', input.userId)
    .returning(VIEW_COLUMNS)
    .executeTakeFirst();
  if (!row) return notFound(input.endpointId);
  await audit(trx, input.by, 'webhooks.delete', row);
  return row;
}

/** Replaces the signing secret; the old one stops verifying immediately. */
export async function rotateWebhookSecret(
  trx: Transaction<Database>,
  input: Owned & { seal: (rowId: string) => Sealed; by: AuditActor },
): Promise<WebhookEndpointView> {
  const secret = input.seal(input.endpointId);
  const row = await trx
    .updateTable('webhook_endpoints')
    .set({ secret_ciphertext: secret.ciphertext, secret_key_version: secret.keyVersion })
    .where('id', '=', input.endpointId)
    .where('user_id', '=', input.userId)
    .returning(VIEW_COLUMNS)
    .executeTakeFirst();
  if (!row) return notFound(input.endpointId);
  await audit(trx, input.by, 'webhooks.rotate_secret', row);
  return row;
}

/**
 * Enqueues a signed test delivery (`send_webhook_test`, delivered by the worker). A test still
 * pending for the endpoint is replaced rather than doubled. Returns the job id.
 */
export async function queueWebhookTest(trx: Transaction<Database>, owned: Owned): Promise<string> {
  const endpoint = await trx
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('id', '=', owned.endpointId)
    .where('user_id', '=', owned.userId)
    .executeTakeFirst();
  if (!endpoint) return notFound(owned.endpointId);
  return enqueue(
    trx,
    'send_webhook_test',
    { endpointId: endpoint.id },
    { jobKey: jobKeys.webhookTest(endpoint.id), maxAttempts: 1 },
  );
}

/** Audited by host only: a URL's path or query may itself carry a token. */
function audit(
  trx: Transaction<Database>,
  by: AuditActor,
  action: string,
  row: WebhookEndpointView,
  extra: Record<string, unknown> = {},
): Promise<void> {
  return recordAudit(trx, {
    ...by,
    action,
    target: { type: 'webhook_endpoint', id: row.id },
    details: { host: hostOf(row.url), events: row.events, ...extra },
  });
}

function hostOf(url: string): string | null {
  return URL.canParse(url) ? new URL(url).host : null;
}

function notFound(endpointId: string): never {
  throw new ResourceError(`Webhook endpoint ${endpointId} not found`, { reason: 'NOT_FOUND' });
}
