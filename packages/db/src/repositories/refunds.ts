import { randomUUID } from 'node:crypto';
import {
  instanceStatusMachine,
  orderStatusMachine,
  ResourceError,
  subscriptionStatusMachine,
} from '@roundhouse/core';
import type { Transaction } from 'kysely';
import type { Db } from '../client';
import type { Order, Refund } from '../schema/billing';
import type { Database } from '../schema/database';
import { suspendInstance } from './admin-instance-actions';
import { type AuditActor, recordAudit } from './audit';
import { issueCreditNote } from './invoices';

/**
 * Admin refunds in two short transactions around the provider call (which must never run
 * inside a transaction): `reserveRefund` books the amount on the order under its row lock and
 * records a PENDING refund whose number is the provider's idempotency key; `completeRefund`
 * records what the provider said. A refund whose outcome is unknown stays PENDING and is asked
 * again with the same number (the worker's reconcile_refunds, or the order's next refund
 * request), so the provider refunds once. The asking itself is refund-at-provider.ts.
 */

export interface RefundReservation {
  orderId: string;
  /** Omitted: everything not yet refunded. */
  amountMinor?: number;
  reason: string;
  /** The admin's user id (refunds.requested_by). */
  requestedBy: string;
  by: AuditActor;
}

export interface ReservedRefund {
  refund: Refund;
  order: Order;
  /** True when an earlier PENDING refund is asked again (same number). */
  retry: boolean;
}

export async function reserveRefund(db: Db, input: RefundReservation): Promise<ReservedRefund> {
  return db.transaction().execute(async (trx) => {
    // Two admins refunding the same order queue here: the second sees the first's booking.
    const order = await lockOrder(trx, input.orderId);
    const pending = await trx
      .selectFrom('refunds')
      .selectAll()
      .where('order_id', '=', order.id)
      .where('status', '=', 'PENDING')
      .orderBy('created_at')
      .executeTakeFirst();
    if (pending) {
      if (input.amountMinor === undefined || input.amountMinor === pending.amount_minor) {
        return { refund: pending, order, retry: true };
      }
      throw new ResourceError(
        `Refund ${pending.out_request_no} of ${pending.amount_minor} is still pending: retry it first`,
        { reason: 'CONFLICT' },
      );
    }
    if (order.status !== 'PAID' && order.status !== 'PARTIALLY_REFUNDED') {
      throw new ResourceError(`Only a paid order can be refunded; this one is ${order.status}`, {
        reason: 'INVALID',
      });
    }
    const remaining = order.amount_minor - order.refunded_minor;
    const amount = input.amountMinor ?? remaining;
    if (remaining <= 0 || amount > remaining) {
      throw new ResourceError(
        `Cannot refund ${amount}: ${remaining} of ${order.amount_minor} is left to refund`,
        { reason: 'INVALID' },
      );
    }
    const booked = await trx
      .updateTable('orders')
      .set((eb) => ({ refunded_minor: eb('refunded_minor', '+', amount) }))
      .where('id', '=', order.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const refund = await trx
      .insertInto('refunds')
      .values({
        order_id: order.id,
        amount_minor: amount,
        currency: order.currency,
        reason: input.reason,
        out_request_no: `RF${randomUUID().replaceAll('-', '')}`,
        requested_by: input.requestedBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditRefund(trx, input.by, 'admin.refund.request', refund);
    return { refund, order: booked, retry: false };
  });
}

/** What the provider answered; PENDING: it confirms later (or we could not tell). */
export type RefundOutcome =
  | { status: 'SUCCEEDED'; providerRefundId: string | null }
  | { status: 'PENDING'; providerRefundId: string | null }
  | { status: 'FAILED'; error: string };

export interface CompletedRefund {
  refund: Refund;
  /**
   * True when this call moved the refund out of PENDING: what follows a SUCCEEDED refund outside
   * the database (stopping a provider's renewal) is then this caller's, and only this caller's.
   */
  settled: boolean;
}

/**
 * Records the provider's answer on a PENDING refund, once: a concurrent caller that recorded it
 * first wins and the refund is returned as it is. SUCCEEDED moves the order to
 * PARTIALLY_REFUNDED / REFUNDED and issues the credit note; a full refund also cancels the
 * subscription and suspends its instances. FAILED releases the booked amount.
 */
export async function completeRefund(
  db: Db,
  input: { refundId: string; outcome: RefundOutcome; by: AuditActor },
): Promise<CompletedRefund> {
  return db.transaction().execute(async (trx) => {
    const { order_id: orderId } = await trx
      .selectFrom('refunds')
      .select('order_id')
      .where('id', '=', input.refundId)
      .executeTakeFirstOrThrow();
    // Same lock order as reserveRefund (order, then refund): no deadlock between them.
    const order = await lockOrder(trx, orderId);
    const refund = await trx
      .selectFrom('refunds')
      .selectAll()
      .where('id', '=', input.refundId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (refund.status !== 'PENDING') return { refund, settled: false };
    const { outcome } = input;
    if (outcome.status === 'PENDING') {
      const pending = await trx
        .updateTable('refunds')
        // A provider that forgot its id on a later answer does not erase the one it gave.
        .set({ provider_refund_id: outcome.providerRefundId ?? refund.provider_refund_id })
        .where('id', '=', refund.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { refund: pending, settled: false };
    }
    if (outcome.status === 'FAILED') {
      await trx
        .updateTable('orders')
        .set((eb) => ({ refunded_minor: eb('refunded_minor', '-', refund.amount_minor) }))
        .where('id', '=', order.id)
        .execute();
      const failed = await finish(trx, refund.id, {
        status: 'FAILED',
        error_message: outcome.error,
      });
      await auditRefund(trx, input.by, 'admin.refund.fail', failed);
      return { refund: failed, settled: true };
    }
    const succeeded = await finish(trx, refund.id, {
      status: 'SUCCEEDED',
      provider_refund_id: outcome.providerRefundId,
    });
    await settleOrder(trx, order, input.by);
    await issueCreditNote(trx, succeeded.id);
    await auditRefund(trx, input.by, 'admin.refund.succeed', succeeded);
    return { refund: succeeded, settled: true };
  });
}

/** REFUNDED once the succeeded refunds add up to the order amount, else PARTIALLY_REFUNDED. */
async function settleOrder(trx: Transaction<Database>, order: Order, by: AuditActor) {
  const { total } = await trx
    .selectFrom('refunds')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount_minor'), eb.lit(0)).as('total'))
    .where('order_id', '=', order.id)
    .where('status', '=', 'SUCCEEDED')
    .executeTakeFirstOrThrow();
  const status = Number(total) >= order.amount_minor ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  orderStatusMachine.assertTransition(order.status, status);
  await trx.updateTable('orders').set({ status }).where('id', '=', order.id).execute();
  if (status === 'REFUNDED' && order.subscription_id) {
    await cancelRefundedSubscription(trx, order.subscription_id, by);
  }
}

/** The customer got all their money back: the subscription ends and its instances stop. */
async function cancelRefundedSubscription(
  trx: Transaction<Database>,
  subscriptionId: string,
  by: AuditActor,
) {
  const subscription = await trx
    .selectFrom('subscriptions')
    .select('status')
    .where('id', '=', subscriptionId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (subscriptionStatusMachine.canTransition(subscription.status, 'CANCELED')) {
    await trx
      .updateTable('subscriptions')
      .set((eb) => ({
        status: 'CANCELED',
        canceled_at: eb.fn('now'),
        status_changed_at: eb.fn('now'),
        cancel_at_period_end: false,
      }))
      .where('id', '=', subscriptionId)
      .execute();
  }
  const instances = await trx
    .selectFrom('instances')
    .select(['id', 'status'])
    .where('subscription_id', '=', subscriptionId)
    .execute();
  for (const instance of instances) {
    if (!instanceStatusMachine.canTransition(instance.status, 'SUSPENDED')) continue;
    await suspendInstance(trx, { instanceId: instance.id, reason: 'Order refunded', by });
  }
}

async function lockOrder(trx: Transaction<Database>, orderId: string): Promise<Order> {
  const order = await trx
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', orderId)
    .forUpdate()
    .executeTakeFirst();
  if (!order) throw new ResourceError('Order not found', { reason: 'NOT_FOUND' });
  return order;
}

function finish(
  trx: Transaction<Database>,
  refundId: string,
  values: {
    status: 'SUCCEEDED' | 'FAILED';
    provider_refund_id?: string | null;
    error_message?: string;
  },
): Promise<Refund> {
  return trx
    .updateTable('refunds')
    .set((eb) => ({ ...values, completed_at: eb.fn('now') }))
    .where('id', '=', refundId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An audit entry about a refund, filed under its order; `extra` adds to the refund's details. */
export function auditRefund(
  trx: Transaction<Database>,
  by: AuditActor,
  action: string,
  refund: Refund,
  extra: Record<string, unknown> = {},
) {
  return recordAudit(trx, {
    ...by,
    action,
    target: { type: 'order', id: refund.order_id },
    details: {
      refundId: refund.id,
      refundNo: refund.out_request_no,
      amountMinor: refund.amount_minor,
      currency: refund.currency,
      reason: refund.reason,
      status: refund.status,
      ...(refund.error_message ? { error: refund.error_message } : {}),
      ...extra,
    },
  });
}
