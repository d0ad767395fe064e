import type { Db } from '../client';
import type { Order, Refund } from '../schema/billing';
import type { AuditActor } from './audit';
import { auditRefund } from './refunds';
import { claimDueRows, type ReconcileClaim } from './reconcile-backoff';

/**
 * reconcile_refunds' side of refunds: a PENDING refund (the provider said "processing", or its
 * answer was lost) is asked about again at its provider with the same refund number. The
 * provider call happens outside any transaction, so refunds are *claimed* first, exactly like
 * orders (order-reconciliation.ts): the claim moves each refund's next check into the future
 * (per-refund exponential backoff), which keeps a concurrent run off it and keeps a refund the
 * provider keeps failing on from hogging every batch.
 */

/** minAgeMs: a fresh refund may still be in its admin's own provider call. */
export type RefundReconcileSettings = ReconcileClaim;

export interface ClaimedRefund {
  refund: Refund;
  order: Order;
}

/** Claims up to `batchSize` PENDING refunds due for a provider question, oldest first. */
export async function claimRefundsToReconcile(
  db: Db,
  now: Date,
  settings: RefundReconcileSettings,
): Promise<ClaimedRefund[]> {
  return db.transaction().execute(async (trx) => {
    const ids = await claimDueRows(trx, { table: 'refunds', status: 'PENDING' }, now, settings);
    if (ids.length === 0) return [];
    const refunds = await trx.selectFrom('refunds').selectAll().where('id', 'in', ids).execute();
    const orders = await trx
      .selectFrom('orders')
      .selectAll()
      .where(
        'id',
        'in',
        refunds.map((refund) => refund.order_id),
      )
      .execute();
    const orderById = new Map(orders.map((order) => [order.id, order]));
    return (
      refunds
        // refunds.order_id is a foreign key: its order is always there.
        .map((refund) => ({ refund, order: orderById.get(refund.order_id)! }))
        .sort((a, b) => a.refund.created_at.getTime() - b.refund.created_at.getTime())
    );
  });
}

/**
 * Flags, once each, the refunds still PENDING `overdueMs` after they were booked: an audit entry
 * (`refund.overdue`, target the order) for an admin, who also sees them PENDING in the admin
 * refunds list. They keep being asked; only the flag is once. Returns the flagged refunds.
 */
export async function flagOverdueRefunds(
  db: Db,
  input: { now: Date; overdueMs: number; by: AuditActor },
): Promise<Refund[]> {
  return db.transaction().execute(async (trx) => {
    const flagged = await trx
      .updateTable('refunds')
      .set({ overdue_flagged_at: input.now })
      .where('status', '=', 'PENDING')
      .where('overdue_flagged_at', 'is', null)
      .where('created_at', '<=', new Date(input.now.getTime() - input.overdueMs))
      .returningAll()
      .execute();
    for (const refund of flagged) {
      await auditRefund(trx, input.by, 'refund.overdue', refund, {
        pendingSince: refund.created_at.toISOString(),
        providerQuestions: refund.reconcile_attempts,
      });
    }
    return flagged;
  });
}
