import {
  BILLING_PERIOD,
  type InstanceStatus,
  jobKeys,
  type SubscriptionStatus,
  subscriptionStatusMachine,
} from '@roundhouse/core';
import { sql, type Transaction } from 'kysely';
import { enqueue } from '../enqueue';
import type { Subscription } from '../schema/billing';
import type { Database } from '../schema/database';
import { recordAudit } from './audit';
import type { LockedSubscription } from './provisioning';
import { ORDER_TTL_MS } from './orders';

/**
 * Subscriptions over time (DESIGN §3 "Lifecycle"): what a paid renewal does, and the steps the
 * advance_subscriptions cron takes when a period ends. Every function runs on the caller's
 * transaction so a step, its audit row, its instance job and its notification commit together.
 */

type Trx = Transaction<Database>;

/**
 * A paid renewal of a subscription the caller row-locked: the period moves on by one billing
 * period from its end (or from now when it already lapsed), the subscription is ACTIVE again and
 * no longer set to cancel, and a SUSPENDED instance is resumed.
 */
export async function renewSubscription(trx: Trx, subscription: LockedSubscription): Promise<void> {
  subscriptionStatusMachine.assertTransition(subscription.status, 'ACTIVE');
  const { now } = subscription;
  const end = subscription.current_period_end;
  const start = end && end.getTime() > now.getTime() ? end : now;
  await trx
    .updateTable('subscriptions')
    .set({
      status: 'ACTIVE',
      current_period_end: addPeriod(start),
      cancel_at_period_end: false,
      ...(subscription.status === 'ACTIVE'
        ? {}
        : { current_period_start: start, status_changed_at: now }),
    })
    .where('id', '=', subscription.id)
    .execute();
  for (const instanceId of await instancesOf(trx, subscription.id, ['SUSPENDED'])) {
    await enqueue(
      trx,
      'resume_instance',
      { instanceId },
      { jobKey: jobKeys.instance('resume', instanceId) },
    );
  }
}

export function addPeriod(from: Date): Date {
  return new Date(from.getTime() + BILLING_PERIOD.days * 86_400_000);
}

/** The statuses a customer may renew from (a canceled-at-period-end one is still ACTIVE). */
export const RENEWABLE: readonly SubscriptionStatus[] = ['ACTIVE', 'PAST_DUE', 'SUSPENDED'];

/**
 * When each step of the cron is due:
 * - LAPSE: ACTIVE whose period has ended → PAST_DUE, or CANCELED when set to cancel;
 * - GRACE_OVER: PAST_DUE for longer than the grace period after its period end → SUSPENDED;
 * - RETENTION_OVER: SUSPENDED or CANCELED for longer than retention → EXPIRED;
 * - ABANDONED: PENDING (never paid), older than an order's lifetime, with no open (CREATED)
 *   order left → EXPIRED (its checkout window is gone; a late payment of one of its closed
 *   orders is still honoured, with a fresh subscription: replacement-subscription.ts).
 */
export type LifecycleStage = 'LAPSE' | 'GRACE_OVER' | 'RETENTION_OVER' | 'ABANDONED';

export interface LifecyclePolicy {
  graceMs: number;
  retentionMs: number;
}

/**
 * Locks up to `limit` subscriptions due for `stage`. `skip locked`: a concurrent run takes
 * other rows instead of waiting for these and then moving them a second time.
 */
export async function lockDueSubscriptions(
  trx: Trx,
  stage: LifecycleStage,
  now: Date,
  policy: LifecyclePolicy,
  limit: number,
): Promise<Subscription[]> {
  let query = trx.selectFrom('subscriptions').selectAll();
  if (stage === 'LAPSE') {
    query = query.where('status', '=', 'ACTIVE').where('current_period_end', '<=', now);
  } else if (stage === 'GRACE_OVER') {
    query = query
      .where('status', '=', 'PAST_DUE')
      .where('current_period_end', '<=', new Date(now.getTime() - policy.graceMs));
  } else if (stage === 'RETENTION_OVER') {
    query = query
      .where('status', 'in', ['SUSPENDED', 'CANCELED'])
      .where('status_changed_at', '<=', new Date(now.getTime() - policy.retentionMs));
  } else {
    query = query
      .where('status', '=', 'PENDING')
      .where('created_at', '<=', new Date(now.getTime() - ORDER_TTL_MS))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('orders')
              .select(sql`1`.as('one'))
              .whereRef('orders.subscription_id', '=', 'subscriptions.id')
              .where('orders.status', '=', 'CREATED'),
          ),
        ),
      );
  }
  return query.orderBy('id').limit(limit).forUpdate().skipLocked().execute();
}

/**
 * Moves a locked subscription to `to` (the state machine must allow it), audited as the system.
 * Returns false when its status is no longer `from` (nothing changed).
 */
export async function moveSubscription(
  trx: Trx,
  subscription: Pick<Subscription, 'id' | 'status'>,
  to: SubscriptionStatus,
  now: Date,
): Promise<boolean> {
  subscriptionStatusMachine.assertTransition(subscription.status, to);
  const result = await trx
    .updateTable('subscriptions')
    .set({ status: to, status_changed_at: now, ...(to === 'CANCELED' && { canceled_at: now }) })
    .where('id', '=', subscription.id)
    .where('status', '=', subscription.status)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  await recordAudit(trx, {
    actorType: 'SYSTEM',
    actorId: null,
    action: `subscriptions.${to.toLowerCase()}`,
    target: { type: 'subscription', id: subscription.id },
    details: { from: subscription.status, to },
  });
  return true;
}

/** Enqueues `action` for each of the subscription's instances in `statuses` (one job per key). */
export async function enqueueInstanceAction(
  trx: Trx,
  subscriptionId: string,
  action: 'suspend' | 'delete',
  statuses: readonly InstanceStatus[],
): Promise<string[]> {
  const ids = await instancesOf(trx, subscriptionId, statuses);
  for (const instanceId of ids) {
    await enqueue(
      trx,
      action === 'suspend' ? 'suspend_instance' : 'delete_instance',
      { instanceId },
      { jobKey: jobKeys.instance(action, instanceId) },
    );
  }
  return ids;
}

async function instancesOf(
  trx: Trx,
  subscriptionId: string,
  statuses: readonly InstanceStatus[],
): Promise<string[]> {
  if (statuses.length === 0) return [];
  const rows = await trx
    .selectFrom('instances')
    .select('id')
    .where('subscription_id', '=', subscriptionId)
    .where('status', 'in', statuses)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Locks ACTIVE subscriptions whose period ends within `daysBefore` days and that got no
 * reminder this close (or closer) for this period yet. Reminders are matched on the period
 * end in SQL: a JS Date would drop its microseconds and never match again.
 */
export async function lockDueReminders(
  trx: Trx,
  daysBefore: number,
  now: Date,
  limit: number,
): Promise<Subscription[]> {
  return trx
    .selectFrom('subscriptions as s')
    .selectAll('s')
    .where('s.status', '=', 'ACTIVE')
    .where('s.current_period_end', '>', now)
    .where('s.current_period_end', '<=', new Date(now.getTime() + daysBefore * 86_400_000))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('subscription_reminders as r')
            .select(sql`1`.as('one'))
            .whereRef('r.subscription_id', '=', 's.id')
            .whereRef('r.period_end', '=', 's.current_period_end')
            .where('r.days_before', '<=', daysBefore),
        ),
      ),
    )
    .orderBy('s.id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Records the reminder for the subscription's current period; false if it was already sent. */
export async function recordReminder(
  trx: Trx,
  subscriptionId: string,
  daysBefore: number,
  now: Date,
): Promise<boolean> {
  const { rows } = await sql<{ subscription_id: string }>`
    insert into subscription_reminders (subscription_id, period_end, days_before, sent_at)
    select id, current_period_end, ${daysBefore}, ${now} from subscriptions where id = ${subscriptionId}
    on conflict do nothing
    returning subscription_id`.execute(trx);
  return rows.length > 0;
}
