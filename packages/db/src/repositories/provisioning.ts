import { randomUUID } from 'node:crypto';
import {
  getPlan,
  jobKeys,
  type PlanId,
  ResourceError,
  subscriptionStatusMachine,
  type SubscriptionSource,
  type SubscriptionStatus,
} from '@roundhouse/core';
import { sql, type Transaction } from 'kysely';
import { enqueue } from '../enqueue';
import type { Subscription } from '../schema/billing';
import type { Database } from '../schema/database';
import type { Instance } from '../schema/instances';
import { type AuditActor, recordAudit } from './audit';

/**
 * Provisioning: a subscription becomes ACTIVE and gets its instance, whose clone saga is
 * enqueued in the same transaction. Paid subscriptions (payment notifications) and granted
 * ones (admin trials and complimentary plans) both go through `provisionSubscription`, so
 * they provision exactly alike.
 */

/** The operator's Railway template every instance is cloned from (RAILWAY_TEMPLATE_*). */
export interface InstanceTemplate {
  projectId: string;
  /** Clone only this service of the template; null clones every service. */
  serviceId: string | null;
}

export interface ProvisionResult {
  subscription: Subscription;
  /** The subscription's live instance: the one just created, or the one it already had. */
  instance: Instance;
  /** False when the subscription already had a live instance (nothing was enqueued). */
  created: boolean;
}

/**
 * The Railway project name of an instance. Derived from the id alone so that a clone retried
 * after a lost response finds (and adopts) the project an earlier attempt created.
 */
export function instanceProjectName(instanceId: string): string {
  return `rh-${instanceId}`;
}

/** A subscription this transaction holds row-locked, as provisioning and renewal decide from it. */
export interface LockedSubscription {
  id: string;
  status: SubscriptionStatus;
  current_period_end: Date | null;
  /** The transaction's now(). */
  now: Date;
}

/** Row-locks the subscription for the rest of the transaction; undefined when there is none. */
export async function lockSubscription(
  trx: Transaction<Database>,
  subscriptionId: string,
): Promise<LockedSubscription | undefined> {
  return trx
    .selectFrom('subscriptions')
    .select(['id', 'status', 'current_period_end', sql<Date>`now()`.as('now')])
    .where('id', '=', subscriptionId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Activates the subscription for [periodStart, periodEnd) (periodStart defaults to the
 * transaction's `now()`), then creates its instance (PROVISIONING) and enqueues
 * `clone_instance` with the clone job key, unless it already has a live instance. Call it in
 * the transaction that records why (payment, grant): all of it commits or none of it does.
 * `locked`: the subscription as the caller already row-locked it (saves the round trip).
 * Throws ResourceError NOT_FOUND (no such subscription), ILLEGAL_TRANSITION (its status can't
 * become ACTIVE) or INVALID (the period ends before it starts).
 */
export async function provisionSubscription(
  trx: Transaction<Database>,
  input: {
    subscriptionId: string;
    locked?: LockedSubscription;
    periodStart?: Date;
    periodEnd: Date;
    template: InstanceTemplate;
  },
): Promise<ProvisionResult> {
  const current = input.locked ?? (await lockSubscription(trx, input.subscriptionId));
  if (!current || current.id !== input.subscriptionId) {
    throw new ResourceError(`Subscription ${input.subscriptionId} not found`, {
      reason: 'NOT_FOUND',
    });
  }
  subscriptionStatusMachine.assertTransition(current.status, 'ACTIVE');
  const periodStart = input.periodStart ?? current.now;
  if (input.periodEnd.getTime() <= periodStart.getTime()) {
    throw new ResourceError(`The period must end after it starts (${periodStart.toISOString()})`, {
      reason: 'INVALID',
    });
  }

  const subscription = await trx
    .updateTable('subscriptions')
    .set({
      status: 'ACTIVE',
      current_period_start: periodStart,
      current_period_end: input.periodEnd,
      ...(current.status === 'ACTIVE' ? {} : { status_changed_at: current.now }),
    })
    .where('id', '=', input.subscriptionId)
    .returningAll()
    .executeTakeFirstOrThrow();

  const instanceId = randomUUID();
  // One round trip: the instance is created only if the subscription has no live one yet (its
  // partial unique index decides, so a concurrent provisioning of it waits, then inserts nothing).
  const instance = await trx
    .insertInto('instances')
    .values({
      id: instanceId,
      subscription_id: subscription.id,
      user_id: subscription.user_id,
      template_project_id: input.template.projectId,
      template_service_id: input.template.serviceId,
      name: instanceProjectName(instanceId),
      status: 'PROVISIONING',
    })
    .onConflict((conflict) =>
      conflict.column('subscription_id').where('status', '<>', 'DELETED').doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  if (!instance) {
    const live = await trx
      .selectFrom('instances')
      .selectAll()
      .where('subscription_id', '=', subscription.id)
      .where('status', '<>', 'DELETED')
      .executeTakeFirstOrThrow();
    return { subscription, instance: live, created: false };
  }
  await enqueue(trx, 'clone_instance', { instanceId }, { jobKey: jobKeys.clone(instanceId) });
  return { subscription, instance, created: true };
}

export type GrantSource = Extract<SubscriptionSource, 'TRIAL' | 'COMPLIMENTARY'>;

/**
 * An admin gives a user a subscription without payment: a new subscription of `source`,
 * provisioned by `provisionSubscription` until `periodEnd`, and audited. Refuses (INVALID) a
 * banned user and a period end that is not in the future; NOT_FOUND for an unknown user.
 */
export async function grantSubscription(
  trx: Transaction<Database>,
  input: {
    userId: string;
    plan: PlanId;
    source: GrantSource;
    periodEnd: Date;
    template: InstanceTemplate;
    by: AuditActor;
  },
): Promise<ProvisionResult> {
  // Locked so a concurrent ban can't slip between the check and the grant.
  const user = await trx
    .selectFrom('user')
    .select(['id', 'banned'])
    .where('id', '=', input.userId)
    .forShare()
    .executeTakeFirst();
  if (!user) throw new ResourceError(`User ${input.userId} not found`, { reason: 'NOT_FOUND' });
  if (user.banned) {
    throw new ResourceError('The user is banned; unban them before granting a subscription', {
      reason: 'INVALID',
    });
  }
  const plan = getPlan(input.plan);
  const pending = await trx
    .insertInto('subscriptions')
    .values({
      user_id: user.id,
      plan: plan.id,
      plan_version: plan.version,
      source: input.source,
      status: 'PENDING',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const result = await provisionSubscription(trx, {
    subscriptionId: pending.id,
    periodEnd: input.periodEnd,
    template: input.template,
  });
  await recordAudit(trx, {
    ...input.by,
    action: 'admin.subscription.grant',
    target: { type: 'subscription', id: pending.id },
    details: {
      userId: user.id,
      plan: plan.id,
      planVersion: plan.version,
      source: input.source,
      periodEnd: input.periodEnd.toISOString(),
      instanceId: result.instance.id,
    },
  });
  return result;
}
