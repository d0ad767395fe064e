import { orderStatusMachine } from '@roundhouse/core';
import type { Db } from '../client';
import type { Order } from '../schema/billing';
import { claimWithBackoff, type ReconcileBackoff } from './reconcile-backoff';

/**
 * Reconciliation's side of orders (DESIGN §3): orders still CREATED after a while are asked
 * about at their provider, because a notification can be lost. The provider call happens
 * outside any transaction, so orders are *claimed* first: claiming moves each order's next
 * check into the future (exponential per-order backoff), which both keeps a concurrent run off
 * them and makes an order the provider keeps failing on wait instead of hogging every batch.
 */

export interface ReconcileSettings extends ReconcileBackoff {
  /** Only orders at least this old (their notification had its chance). */
  minAgeMs: number;
  batchSize: number;
}

/** Claims up to `batchSize` CREATED orders due for a provider query, oldest first. */
export async function claimOrdersToReconcile(
  db: Db,
  now: Date,
  settings: ReconcileSettings,
): Promise<Order[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('orders')
      .select('id')
      .where('status', '=', 'CREATED')
      .where('created_at', '<=', new Date(now.getTime() - settings.minAgeMs))
      .where((eb) =>
        eb.or([eb('reconcile_next_at', 'is', null), eb('reconcile_next_at', '<=', now)]),
      )
      .orderBy('created_at')
      .limit(settings.batchSize)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return trx
      .updateTable('orders')
      .set(claimWithBackoff(now, settings))
      .where(
        'id',
        'in',
        due.map((row) => row.id),
      )
      .returningAll()
      .execute();
  });
}

/**
 * Closes an order whose checkout window has passed, once the provider said it was not paid.
 * Only a still-CREATED order is closed: a notification that settled it meanwhile wins. A payment
 * arriving later for the closed order is still honoured by settlement (CLOSED → PAID).
 * Returns whether it closed the order.
 */
export async function closeExpiredOrder(db: Db, orderId: string, now: Date): Promise<boolean> {
  orderStatusMachine.assertTransition('CREATED', 'CLOSED');
  const result = await db
    .updateTable('orders')
    .set({ status: 'CLOSED', closed_at: now })
    .where('id', '=', orderId)
    .where('status', '=', 'CREATED')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
