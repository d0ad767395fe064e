import { isRoundhouseError, type PaymentProvider, ResourceError } from '@roundhouse/core';
import type { Db } from '@roundhouse/db';
import type { AuditActor } from '@roundhouse/db/repositories/audit';
import {
  completeRefund,
  type RefundOutcome,
  reserveRefund,
} from '@roundhouse/db/repositories/refunds';
import type { Refund } from '@roundhouse/db';
import type { PaymentProviderAdapter } from '@roundhouse/payments';
import type { Logger } from 'pino';
import type { PaymentServices } from './payment-services';
import { type RenewalStop, stopRenewalAfterRefund } from './provider-renewal';

export interface RefundOrderInput {
  orderId: string;
  /** Omitted: a full refund of what is left. */
  amountMinor?: number;
  reason: string;
  requestedBy: string;
  by: AuditActor;
}

export interface RefundOrderResult {
  refund: Refund;
  /** A full refund of a subscription Stripe renews: whether Stripe was told to stop. */
  renewal: RenewalStop;
}

/**
 * An admin refund (DESIGN §5): book it (db, one transaction), ask the provider outside any
 * transaction with our refund number as its idempotency key, record the answer. A provider
 * that refused (nothing applied) makes the refund FAILED and frees the amount; an answer we
 * never got leaves it PENDING, and the next refund of the order asks again with that number.
 * A full refund then stops the provider's own renewal (Stripe), after the refund is recorded.
 */
export async function refundOrder(
  services: { db: Db; logger: Logger; payments: PaymentServices },
  input: RefundOrderInput,
): Promise<RefundOrderResult> {
  const provider = await orderProvider(services.db, input.orderId);
  const adapter = adapterFor(services.payments, provider);
  const { refund, order } = await reserveRefund(services.db, input);
  let outcome: RefundOutcome;
  try {
    const result = await adapter.refund({
      refundNo: refund.out_request_no,
      outTradeNo: order.out_trade_no,
      providerTxnId: order.provider_txn_id,
      amountMinor: refund.amount_minor,
      totalMinor: order.amount_minor,
      currency: refund.currency,
      reason: refund.reason ?? input.reason,
    });
    outcome = { status: result.status, providerRefundId: result.providerRefundId };
  } catch (error) {
    services.logger.warn(
      { err: error, refundId: refund.id, provider },
      'provider refund call failed',
    );
    outcome =
      isRoundhouseError(error) && !error.mayHaveBeenApplied
        ? { status: 'FAILED', error: error.message.slice(0, 500) }
        : { status: 'PENDING', providerRefundId: null };
  }
  const completed = await completeRefund(services.db, {
    refundId: refund.id,
    outcome,
    by: input.by,
  });
  return {
    refund: completed,
    renewal: await stopRenewalAfterRefund(services, completed, input.by),
  };
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

/** The adapter that took the order's money (SANDBOX orders: the sandbox adapter). */
function adapterFor(payments: PaymentServices, provider: PaymentProvider): PaymentProviderAdapter {
  const adapter = Object.values(payments.byProvider).find((a) => a.provider === provider);
  if (!adapter) {
    throw new ResourceError(`${provider} is not configured here: refund it at the provider`, {
      reason: 'INVALID',
    });
  }
  return adapter;
}
