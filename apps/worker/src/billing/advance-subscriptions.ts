import type { InstanceStatus } from '@roundhouse/core';
import type { Database, Db, Subscription } from '@roundhouse/db';
import {
  enqueueInstanceAction,
  type LifecyclePolicy,
  type LifecycleStage,
  lockDueReminders,
  lockDueSubscriptions,
  moveSubscription,
  recordReminder,
} from '@roundhouse/db/repositories/subscription-lifecycle';
import type { Transaction } from 'kysely';
import type { TaskContext } from '../define-task';
import { notify } from '../notifications/notify';
import { subscriptionNotices } from './subscription-notices';

/** Subscriptions per transaction: row locks stay short, a large backlog goes in several. */
export const ADVANCE_BATCH_SIZE = 100;
const DAY_MS = 86_400_000;
/** Instances a lapse suspends, and an expiry deletes (the others are already on their way). */
const SUSPENDABLE: readonly InstanceStatus[] = [
  'PROVISIONING',
  'DEPLOYING',
  'RUNNING',
  'DEGRADED',
  'FAILED',
];
const DELETABLE: readonly InstanceStatus[] = [...SUSPENDABLE, 'SUSPENDED'];

export interface AdvanceSummary {
  reminded: number;
  pastDue: number;
  canceled: number;
  suspended: number;
  expired: number;
  /** Never paid, every order closed: EXPIRED quietly (the customer bought nothing). */
  abandoned: number;
}

type Trx = Transaction<Database>;

/**
 * advance_subscriptions (DESIGN §3 "Lifecycle"), idempotent: reminders N days before the
 * period ends (each once per period), then the period end → PAST_DUE (or CANCELED when set to
 * cancel, instance suspended), PAST_DUE past the grace period → SUSPENDED (instance
 * suspended), SUSPENDED or CANCELED past retention → EXPIRED (instance deleted), PENDING with
 * every order closed → EXPIRED (no notification: nothing was bought). Each step
 * moves the subscription, audits it, enqueues the instance job under its job key and notifies
 * the customer in one transaction; rows are taken `for update skip locked`, so two runs at
 * once split the work instead of doing it twice.
 */
export async function advanceSubscriptions(
  ctx: TaskContext,
  batchSize = ADVANCE_BATCH_SIZE,
): Promise<AdvanceSummary> {
  const now = ctx.now();
  const { graceDays, retentionDays, reminderDays } = ctx.config.billing;
  const policy: LifecyclePolicy = {
    graceMs: graceDays * DAY_MS,
    retentionMs: retentionDays * DAY_MS,
  };
  const summary: AdvanceSummary = {
    reminded: 0,
    pastDue: 0,
    canceled: 0,
    suspended: 0,
    expired: 0,
    abandoned: 0,
  };

  // Nearest first: a subscription already inside the 1-day window gets that reminder only.
  for (const days of [...reminderDays].sort((a, b) => a - b)) {
    await inBatches(
      ctx.db,
      batchSize,
      (trx) => lockDueReminders(trx, days, now, batchSize),
      async (trx, s) => {
        if (!(await recordReminder(trx, s.id, days, now))) return;
        await notify(trx, { userId: s.user_id, ...subscriptionNotices.reminder(s, days) });
        summary.reminded++;
      },
    );
  }

  const stage = (name: LifecycleStage, step: (trx: Trx, s: Subscription) => Promise<void>) =>
    inBatches(
      ctx.db,
      batchSize,
      (trx) => lockDueSubscriptions(trx, name, now, policy, batchSize),
      step,
    );

  await stage('LAPSE', async (trx, s) => {
    if (s.cancel_at_period_end) {
      if (!(await moveSubscription(trx, s, 'CANCELED', now))) return;
      await enqueueInstanceAction(trx, s.id, 'suspend', SUSPENDABLE);
      await notify(trx, { userId: s.user_id, ...subscriptionNotices.canceled(s, retentionDays) });
      summary.canceled++;
    } else {
      if (!(await moveSubscription(trx, s, 'PAST_DUE', now))) return;
      await notify(trx, { userId: s.user_id, ...subscriptionNotices.pastDue(s, graceDays) });
      summary.pastDue++;
    }
  });
  await stage('GRACE_OVER', async (trx, s) => {
    if (!(await moveSubscription(trx, s, 'SUSPENDED', now))) return;
    await enqueueInstanceAction(trx, s.id, 'suspend', SUSPENDABLE);
    await notify(trx, { userId: s.user_id, ...subscriptionNotices.suspended(s, retentionDays) });
    summary.suspended++;
  });
  await stage('RETENTION_OVER', async (trx, s) => {
    if (!(await moveSubscription(trx, s, 'EXPIRED', now))) return;
    await enqueueInstanceAction(trx, s.id, 'delete', DELETABLE);
    await notify(trx, { userId: s.user_id, ...subscriptionNotices.expired(s) });
    summary.expired++;
  });
  await stage('ABANDONED', async (trx, s) => {
    if (await moveSubscription(trx, s, 'EXPIRED', now)) summary.abandoned++;
  });

  if (Object.values(summary).some((count) => count > 0)) {
    ctx.logger.info(summary, 'subscriptions advanced');
  }
  return summary;
}

/**
 * Locks a batch, runs `step` on each row, commits; again until a batch comes back short. Every
 * step takes its row out of the selection (or records its reminder), so this ends.
 */
async function inBatches(
  db: Db,
  batchSize: number,
  lock: (trx: Trx) => Promise<Subscription[]>,
  step: (trx: Trx, subscription: Subscription) => Promise<void>,
): Promise<void> {
  for (;;) {
    const count = await db.transaction().execute(async (trx) => {
      const rows = await lock(trx);
      for (const row of rows) await step(trx, row);
      return rows.length;
    });
    if (count < batchSize) return;
  }
}
