import { ConfigurationError, type RefundStatus } from '@roundhouse/core';
import type { AuditActor } from '@roundhouse/db/repositories/audit';
import { askProviderForRefund } from '@roundhouse/db/repositories/refund-at-provider';
import {
  type ClaimedRefund,
  claimRefundsToReconcile,
  flagOverdueRefunds,
  type RefundReconcileSettings,
} from '@roundhouse/db/repositories/refund-reconciliation';
import type { PaymentAdapters } from '@roundhouse/payments';
import type { WorkerDeps } from '../deps';

/** Refunds per claim, and claims per run: a run stays short even with a large backlog. */
const SETTINGS: RefundReconcileSettings = {
  batchSize: 20,
  // A refund this fresh may still be in its admin's own provider call (a Stripe refund is up
  // to four calls of 20 s each): asking meanwhile would race it.
  minAgeMs: 5 * 60_000,
  // Per-refund backoff between provider questions: 1 min, 2, 4, 8, then every 10 min.
  baseBackoffMs: 60_000,
  maxBackoffMs: 600_000,
};
const MAX_BATCHES_PER_RUN = 10;
/** A refund PENDING this long is flagged for an admin (once); it keeps being asked. */
export const REFUND_OVERDUE_MS = 3 * 86_400_000;
const SYSTEM: AuditActor = { actorType: 'SYSTEM', actorId: 'reconcile_refunds', ip: null };

export type RefundReconcileOutcome = 'succeeded' | 'failed' | 'pending' | 'error';
export type RefundReconcileSummary = Record<RefundReconcileOutcome | 'overdue', number>;
const OUTCOME: Record<RefundStatus, RefundReconcileOutcome> = {
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  PENDING: 'pending',
};

/**
 * reconcile_refunds: a refund is PENDING when its provider said "processing" or its answer was
 * lost. Each due PENDING refund is asked again at its provider with the SAME refund number (the
 * provider's idempotency key, so it refunds once), through the code the admin's refund uses,
 * and the answer recorded: SUCCEEDED (and a full refund's consequences, once), FAILED (the
 * provider refused: the amount is freed), or still PENDING until the refund's next check. An
 * unreachable provider changes nothing but the backoff. Refunds PENDING for days are flagged.
 */
export async function reconcileRefunds(deps: WorkerDeps): Promise<RefundReconcileSummary> {
  const { payments } = deps;
  if (!payments) throw new ConfigurationError('reconcile_refunds needs the payment adapters');
  const summary: RefundReconcileSummary = {
    succeeded: 0,
    failed: 0,
    pending: 0,
    error: 0,
    overdue: 0,
  };
  const now = deps.now();
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
    const claimed = await claimRefundsToReconcile(deps.db, now, SETTINGS);
    for (const entry of claimed) summary[await reconcileRefund(deps, payments, entry)]++;
    if (claimed.length < SETTINGS.batchSize) break;
  }
  const overdue = await flagOverdueRefunds(deps.db, {
    now,
    overdueMs: REFUND_OVERDUE_MS,
    by: SYSTEM,
  });
  for (const refund of overdue) {
    deps.logger.error(
      { refundId: refund.id, orderId: refund.order_id, since: refund.created_at },
      'refund still PENDING at its provider for days: flagged for an admin',
    );
  }
  summary.overdue = overdue.length;
  if (summary.succeeded + summary.failed + summary.overdue > 0) {
    deps.logger.info(summary, 'refunds reconciled');
  }
  return summary;
}

async function reconcileRefund(
  deps: WorkerDeps,
  payments: PaymentAdapters,
  { refund, order }: ClaimedRefund,
): Promise<RefundReconcileOutcome> {
  const log = deps.logger.child({ refundId: refund.id, provider: order.provider });
  try {
    const asked = await askProviderForRefund(
      { db: deps.db, logger: log, payments },
      { refund, order, firstAsk: false, by: SYSTEM },
    );
    if (asked.refund.status !== 'PENDING') {
      log.info({ status: asked.refund.status, renewal: asked.renewal }, 'refund reconciled');
    }
    return OUTCOME[asked.refund.status];
  } catch (error) {
    // e.g. a sandbox refund after switching to live: nobody can be asked, so it stays PENDING.
    log.warn({ err: error, attempts: refund.reconcile_attempts }, 'reconcile: will retry later');
    return 'error';
  }
}
