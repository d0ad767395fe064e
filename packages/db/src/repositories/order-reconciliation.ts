import { orderStatusMachine } from '@roundhouse/core';
import type { Db } from '../client';
import type { Order } from '../schema/billing';
import { claimDueRows, type ReconcileClaim } from './reconcile-backoff';

/**
 * Reconciliation's side of orders (DESIGN §3): orders still CREATED after a while are asked
 * about at their provider, because a notification can be lost. The provider call happens
 * outside any transaction, so orders are *claimed* first: claiming moves each order's next
 * check into the future (exponential per-order backoff), which both keeps a concurrent run off
 * them and makes an order the provider keeps failing on wait instead of hogging every batch.
 */

/** minAgeMs: an order's notification has had its chance. */
export type ReconcileSettings = ReconcileClaim;

/** Claims up to `batchSize` CREATED orders due for a provider query, oldest first. */
export async function claimOrdersToReconcile(
  db: Db,
  now: Date,
  settings: ReconcileSettings,
): Promise<Order[]> {
  return db.transaction().execute(async (trx) => {
    const ids = await claimDueRows(trx, { table: 'orders', status: 'CREATED' }, now, settings);
    if (ids.length === 0) return [];
    return trx
      .selectFrom('orders')
      .selectAll()
      .where('id', 'in', ids)
      .orderBy('created_at')
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
