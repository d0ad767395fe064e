import { type PaymentProvider, ResourceError } from '@roundhouse/core';
import type { Db } from '@roundhouse/db';
import type { AuditActor } from '@roundhouse/db/repositories/audit';
import {
  type AskedRefund,
  askProviderForRefund,
  refundingAdapterFor,
} from '@roundhouse/db/repositories/refund-at-provider';
import { reserveRefund } from '@roundhouse/db/repositories/refunds';
import type { Logger } from 'pino';
import type { PaymentServices } from './payment-services';

export interface RefundOrderInput {
  orderId: string;
  /** Omitted: a full refund of what is left. */
  amountMinor?: number;
  reason: string;
  requestedBy: string;
  by: AuditActor;
}

/** The refund as recorded, and (full refund of a subscription Stripe renews) Stripe's stop. */
export type RefundOrderResult = AskedRefund;

/**
 * An admin refund (DESIGN §5): book it (db, one transaction), then ask the provider and record
 * the answer through the code the worker's reconcile_refunds shares (db's refund-at-provider).
 * A provider that refused (nothing applied) makes the refund FAILED and frees the amount; an
 * answer we never got leaves it PENDING: the worker asks again with the same number, and so
 * does the next refund of the order. A full refund then stops the provider's own renewal.
 */
export async function refundOrder(
  services: { db: Db; logger: Logger; payments: PaymentServices },
  input: RefundOrderInput,
): Promise<RefundOrderResult> {
  // Refused before anything is booked when nobody here can refund the order's provider.
  refundingAdapterFor(services.payments, await orderProvider(services.db, input.orderId));
  const { refund, order, retry } = await reserveRefund(services.db, input);
  return askProviderForRefund(services, { refund, order, firstAsk: !retry, by: input.by });
}

async function orderProvider(db: Db, orderId: string): Promise<PaymentProvider> {
  const order = await db
    .selectFrom('orders')
    .select('provider')
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (!order) throw new ResourceError('Order not found', { reason: 'NOT_FOUND' });
  return order.provider;
}
