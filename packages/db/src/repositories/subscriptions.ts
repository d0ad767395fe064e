import { ResourceError, type SubscriptionStatus } from '@roundhouse/core';
import type { Transaction } from 'kysely';
import type { DbOrTrx } from '../client';
import type { Subscription } from '../schema/billing';
import type { Database } from '../schema/database';
import type { Instance } from '../schema/instances';
import { type AuditActor, recordAudit } from './audit';

/** A customer's own subscriptions. Ownership is part of every query (`user_id`). */

export type InstanceSummary = Pick<Instance, 'id' | 'status' | 'public_url' | 'created_at'>;

export interface SubscriptionWithInstance {
  subscription: Subscription;
  /** The live (not DELETED) instance, if one was created. */
  instance: InstanceSummary | null;
}

/** Only a subscription that is still being paid for can be told to stop at its period's end. */
const CANCELLABLE: readonly SubscriptionStatus[] = ['ACTIVE', 'PAST_DUE'];

/** Newest first. */
export async function listSubscriptions(
  db: DbOrTrx,
  userId: string,
): Promise<SubscriptionWithInstance[]> {
  const rows = await withLiveInstance(db)
    .where('s.user_id', '=', userId)
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map(splitRow);
}

/** Throws ResourceError NOT_FOUND unless the subscription is the user's. */
export async function getSubscription(
  db: DbOrTrx,
  { userId, subscriptionId }: { userId: string; subscriptionId: string },
): Promise<SubscriptionWithInstance> {
  const row = await withLiveInstance(db)
    .where('s.user_id', '=', userId)
    .where('s.id', '=', subscriptionId)
    .executeTakeFirst();
  if (!row) throw notFound(subscriptionId);
  return splitRow(row);
}

/**
 * Sets or clears "cancel at period end" (the subscription keeps running until
 * current_period_end; the subscriptions cron then cancels it). Audited when it changes.
 */
export async function setCancelAtPeriodEnd(
  trx: Transaction<Database>,
  input: { userId: string; subscriptionId: string; cancel: boolean; by: AuditActor },
): Promise<SubscriptionWithInstance> {
  const current = await trx
    .selectFrom('subscriptions')
    .select(['status', 'cancel_at_period_end'])
    .where('id', '=', input.subscriptionId)
    .where('user_id', '=', input.userId)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw notFound(input.subscriptionId);
  assertCancellable(current.status);
  if (current.cancel_at_period_end !== input.cancel) {
    await trx
      .updateTable('subscriptions')
      .set({ cancel_at_period_end: input.cancel })
      .where('id', '=', input.subscriptionId)
      .execute();
    await recordAudit(trx, {
      ...input.by,
      action: 'subscriptions.cancel_at_period_end',
      target: { type: 'subscription', id: input.subscriptionId },
      details: { cancelAtPeriodEnd: input.cancel },
    });
  }
  return getSubscription(trx, input);
}

/**
 * Throws ResourceError ILLEGAL_TRANSITION unless a subscription in `status` can be set (or
 * unset) to cancel at its period's end; callers that must ask a provider first check it early.
 */
export function assertCancellable(status: SubscriptionStatus): void {
  if (CANCELLABLE.includes(status)) return;
  throw new ResourceError(
    `The subscription is ${status}; only ${CANCELLABLE.join(' or ')} subscriptions ` +
      'can be set to cancel at the end of their period',
    { reason: 'ILLEGAL_TRANSITION', details: { status } },
  );
}

function withLiveInstance(db: DbOrTrx) {
  return db
    .selectFrom('subscriptions as s')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('instances')
          .select([
            'instances.id as instance_id',
            'instances.status as instance_status',
            'instances.public_url as instance_public_url',
            'instances.created_at as instance_created_at',
          ])
          .whereRef('instances.subscription_id', '=', 's.id')
          .where('instances.status', '<>', 'DELETED')
          .limit(1)
          .as('i'),
      (join) => join.onTrue(),
    )
    .selectAll('s')
    .select(['instance_id', 'instance_status', 'instance_public_url', 'instance_created_at']);
}

type Row = Awaited<ReturnType<ReturnType<typeof withLiveInstance>['executeTakeFirstOrThrow']>>;

function splitRow(row: Row): SubscriptionWithInstance {
  const {
    instance_id: id,
    instance_status: status,
    instance_public_url: publicUrl,
    instance_created_at: createdAt,
    ...subscription
  } = row;
  return {
    subscription,
    instance:
      id === null || status === null || createdAt === null
        ? null
        : { id, status, public_url: publicUrl, created_at: createdAt },
  };
}

function notFound(subscriptionId: string): ResourceError {
  return new ResourceError(`Subscription ${subscriptionId} not found`, { reason: 'NOT_FOUND' });
}
