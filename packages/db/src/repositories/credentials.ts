import { randomUUID } from 'node:crypto';
import {
  CHANNEL_IDS,
  type ChannelId,
  getChannel,
  getPlan,
  isChannelId,
  ResourceError,
} from '@roundhouse/core';
import type { Transaction } from 'kysely';
import type { DbOrTrx } from '../client';
import type { Database } from '../schema/database';
import type { ChannelCredential } from '../schema/instances';
import { type AuditActor, recordAudit } from './audit';
import { type ApplyOutcome, applyToInstance, skipped } from './credentials-apply';

export type { ApplyOutcome } from './credentials-apply';

/**
 * Channel credentials of a subscription the caller owns. Ownership is part of every query
 * (`subscriptions.user_id`), and every change locks the subscription row first, so concurrent
 * changes to one subscription run one after the other and the plan's channel limit holds.
 * This package cannot encrypt (no keyring here): callers pass a `seal` function, called with the
 * id of the row the ciphertext will live in so the encryption can be bound to it.
 */

/** What may leave the database: everything but the ciphertext. */
export type MaskedCredential = Omit<ChannelCredential, 'ciphertext'>;

const MASKED_COLUMNS = [
  'id',
  'subscription_id',
  'channel',
  'key_version',
  'enabled',
  'last4',
  'fingerprint',
  'validated_at',
  'created_at',
  'updated_at',
] as const;

/** An encrypted value and the id of the key that wrote it (stored for rotation). */
export interface Sealed {
  ciphertext: string;
  keyVersion: string;
}

/** A validated credential set, ready to be stored. */
export interface CredentialWrite {
  channel: ChannelId;
  /** Encrypts the values for the row `rowId` (AAD binding). */
  seal: (rowId: string) => Sealed;
  last4: string | null;
  fingerprint: string;
}

interface OwnedSubscription {
  userId: string;
  subscriptionId: string;
}

interface Change extends OwnedSubscription {
  by: AuditActor;
  /** Apply the change to the subscription's live instance (a VARIABLES deployment). */
  apply: boolean;
}

export interface CredentialsResult {
  credentials: MaskedCredential[];
  apply: ApplyOutcome;
}

/** The subscription's credentials in catalog order; NOT_FOUND unless the user owns it. */
export async function listCredentials(
  db: DbOrTrx,
  { userId, subscriptionId }: OwnedSubscription,
): Promise<MaskedCredential[]> {
  const rows = await db
    .selectFrom('subscriptions as s')
    .leftJoin('channel_credentials as c', 'c.subscription_id', 's.id')
    .select(MASKED_COLUMNS.map((column) => `c.${column}` as const))
    .where('s.id', '=', subscriptionId)
    .where('s.user_id', '=', userId)
    .execute();
  if (rows.length === 0) throw subscriptionNotFound(subscriptionId);
  return sortByCatalog(rows.filter((row): row is MaskedCredential => row.id !== null));
}

/**
 * Creates or replaces the credentials of each channel in `writes`, all or nothing, and enables
 * them. `action` names the audit entry (`credentials.set`, `credentials.import`).
 */
export async function writeCredentials(
  trx: Transaction<Database>,
  change: Change & { writes: readonly CredentialWrite[]; action: string },
): Promise<CredentialsResult> {
  const plan = await lockSubscription(trx, change);
  const existing = await credentialRows(trx, change.subscriptionId);
  const byChannel = new Map(existing.map((row) => [row.channel, row]));
  const written = new Set(change.writes.map((write) => write.channel));
  assertChatLimit(plan, [
    ...existing.filter((row) => row.enabled && !written.has(row.channel as ChannelId)),
    ...change.writes,
  ]);

  const audited: Array<{ channel: string; fingerprint: string; created: boolean }> = [];
  for (const write of change.writes) {
    const current = byChannel.get(write.channel);
    const id = current?.id ?? randomUUID();
    const { ciphertext, keyVersion } = write.seal(id);
    const values = {
      ciphertext,
      key_version: keyVersion,
      enabled: true,
      last4: write.last4,
      fingerprint: write.fingerprint,
      validated_at: new Date(),
    };
    if (current) {
      await trx.updateTable('channel_credentials').set(values).where('id', '=', id).execute();
    } else {
      await trx
        .insertInto('channel_credentials')
        .values({ id, subscription_id: change.subscriptionId, channel: write.channel, ...values })
        .execute();
    }
    audited.push({ channel: write.channel, fingerprint: write.fingerprint, created: !current });
  }
  await auditChange(trx, change, change.action, { channels: audited });
  return finish(trx, change);
}

/** Turns one channel on or off without touching its values; enabling counts against the plan. */
export async function setCredentialEnabled(
  trx: Transaction<Database>,
  change: Change & { channel: ChannelId; enabled: boolean },
): Promise<CredentialsResult> {
  const plan = await lockSubscription(trx, change);
  const existing = await credentialRows(trx, change.subscriptionId);
  const row = existing.find((candidate) => candidate.channel === change.channel);
  if (!row) throw credentialNotFound(change.channel);
  if (change.enabled) {
    assertChatLimit(plan, [...existing.filter((other) => other.enabled && other !== row), row]);
  }
  await trx
    .updateTable('channel_credentials')
    .set({ enabled: change.enabled })
    .where('id', '=', row.id)
    .execute();
  await auditChange(trx, change, change.enabled ? 'credentials.enable' : 'credentials.disable', {
    channel: row.channel,
    fingerprint: row.fingerprint,
  });
  return finish(trx, change);
}

export async function deleteCredential(
  trx: Transaction<Database>,
  change: Change & { channel: ChannelId },
): Promise<CredentialsResult> {
  await lockSubscription(trx, change);
  const deleted = await trx
    .deleteFrom('channel_credentials')
    .where('subscription_id', '=', change.subscriptionId)
    .where('channel', '=', change.channel)
    .returning(['channel', 'fingerprint'])
    .executeTakeFirst();
  if (!deleted) throw credentialNotFound(change.channel);
  await auditChange(trx, change, 'credentials.delete', deleted);
  return finish(trx, change);
}

/** Pushes the stored credentials to the live instance without changing them. */
export async function applyCredentials(
  trx: Transaction<Database>,
  change: OwnedSubscription & { by: AuditActor },
): Promise<CredentialsResult> {
  await lockSubscription(trx, change);
  return finish(trx, { ...change, apply: true });
}

async function finish(trx: Transaction<Database>, change: Change): Promise<CredentialsResult> {
  const credentials = await listCredentials(trx, change);
  const apply: ApplyOutcome = change.apply
    ? await applyToInstance(trx, change)
    : skipped('NOT_REQUESTED', 'Saved, not applied (apply: false)');
  return { credentials, apply };
}

/** Credential changes are audited on the subscription, by channel and fingerprint only. */
function auditChange(
  trx: Transaction<Database>,
  change: Change,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  const target = { type: 'subscription', id: change.subscriptionId };
  return recordAudit(trx, {
    ...change.by,
    action,
    target,
    details: { ...details, apply: change.apply },
  });
}

/** Locks the user's subscription (serialising changes to its credentials); returns its plan. */
async function lockSubscription(trx: Transaction<Database>, owned: OwnedSubscription) {
  const subscription = await trx
    .selectFrom('subscriptions')
    .select(['plan'])
    .where('id', '=', owned.subscriptionId)
    .where('user_id', '=', owned.userId)
    .forUpdate()
    .executeTakeFirst();
  if (!subscription) throw subscriptionNotFound(owned.subscriptionId);
  return getPlan(subscription.plan);
}

function credentialRows(trx: Transaction<Database>, subscriptionId: string) {
  return trx
    .selectFrom('channel_credentials')
    .select(['id', 'channel', 'enabled', 'fingerprint'])
    .where('subscription_id', '=', subscriptionId)
    .execute();
}

/** Only chat channels count; model providers are unlimited (core's PlanLimits.maxChannels). */
function assertChatLimit(plan: ReturnType<typeof getPlan>, enabled: Array<{ channel: string }>) {
  const chat = enabled
    .map((row) => row.channel)
    .filter((id) => isChannelId(id) && getChannel(id).kind === 'chat');
  const max = plan.limits.maxChannels;
  if (chat.length <= max) return;
  throw new ResourceError(
    `The ${plan.name.en} plan allows ${max} chat channel${max === 1 ? '' : 's'} at a time; ` +
      `this would enable ${chat.length} (${[...chat].sort().join(', ')}). ` +
      'Disable or delete one first, or upgrade the plan.',
    { reason: 'QUOTA', details: { maxChannels: max, channels: chat } },
  );
}

/** Catalog order; rows of channels that left the catalog sort last instead of failing. */
function sortByCatalog<T extends { channel: string }>(rows: T[]): T[] {
  const order = ({ channel }: T) => {
    const index = (CHANNEL_IDS as readonly string[]).indexOf(channel);
    return index === -1 ? CHANNEL_IDS.length : index;
  };
  return rows.sort((a, b) => order(a) - order(b));
}

function subscriptionNotFound(subscriptionId: string): ResourceError {
  return new ResourceError(`Subscription ${subscriptionId} not found`, { reason: 'NOT_FOUND' });
}

function credentialNotFound(channel: string): ResourceError {
  return new ResourceError(`No ${channel} credentials are stored for this subscription`, {
    reason: 'NOT_FOUND',
  });
}
