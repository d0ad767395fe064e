import { isRoundhouseError, type PaymentProvider, ResourceError } from '@roundhouse/core';
import type { Order, Refund } from '../schema/billing';
import type { AuditActor } from './audit';
import { type RenewalStop, stopRenewalAfterRefund } from './provider-renewal';
import type { RefundingAdapter, RefundingAdapters, RefundServices } from './refund-provider-port';
import { completeRefund, type RefundOutcome } from './refunds';

/**
 * The provider's side of a refund (DESIGN §5), shared by the admin's refund (api) and the
 * worker that follows PENDING refunds up (reconcile_refunds): ask the provider outside any
 * transaction with the refund's own number as its idempotency key, record the answer
 * (completeRefund), and after a FULL refund this call completed, stop the provider's renewal.
 */

export interface AskedRefund {
  refund: Refund;
  /** A full refund of a subscription Stripe renews: whether Stripe was told to stop. */
  renewal: RenewalStop;
}

export interface RefundQuestion {
  /** A PENDING refund (reserveRefund's, or one a worker claimed) and its order. */
  refund: Refund;
  order: Order;
  /**
   * False when the provider may have been asked before with this number (a PENDING refund asked
   * again): an answer this call did not get then proves nothing about the earlier one.
   */
  firstAsk: boolean;
  by: AuditActor;
}

export async function askProviderForRefund(
  services: RefundServices,
  question: RefundQuestion,
): Promise<AskedRefund> {
  const { refund, order } = question;
  const adapter = refundingAdapterFor(services.payments, order.provider);
  let outcome: RefundOutcome;
  try {
    const result = await adapter.refund({
      refundNo: refund.out_request_no,
      outTradeNo: order.out_trade_no,
      providerTxnId: order.provider_txn_id,
      amountMinor: refund.amount_minor,
      totalMinor: order.amount_minor,
      currency: refund.currency,
      reason: refund.reason ?? 'Refund',
    });
    outcome = { status: result.status, providerRefundId: result.providerRefundId };
  } catch (error) {
    services.logger.warn(
      { err: error, refundId: refund.id, provider: order.provider, firstAsk: question.firstAsk },
      'provider refund call failed',
    );
    outcome = outcomeOfFailure(error, question.firstAsk);
  }
  const completed = await completeRefund(services.db, {
    refundId: refund.id,
    outcome,
    by: question.by,
  });
  return {
    refund: completed.refund,
    renewal: completed.settled
      ? await stopRenewalAfterRefund(services, completed.refund, question.by)
      : null,
  };
}

/**
 * FAILED (the amount is released) only when nothing can have been refunded: a first ask the
 * provider never applied, or — once an earlier ask may have been applied — the provider itself
 * refusing this refund number. Anything else leaves the refund PENDING for the next ask.
 */
function outcomeOfFailure(error: unknown, firstAsk: boolean): RefundOutcome {
  const refused =
    isRoundhouseError(error) &&
    !error.mayHaveBeenApplied &&
    (firstAsk || error.errorClass === 'RESOURCE');
  return refused
    ? { status: 'FAILED', error: error.message.slice(0, 500) }
    : { status: 'PENDING', providerRefundId: null };
}

/** The adapter that took the order's money (SANDBOX orders: the sandbox adapter). */
export function refundingAdapterFor(
  payments: RefundingAdapters,
  provider: PaymentProvider,
): RefundingAdapter {
  const adapter = Object.values(payments.byProvider).find((a) => a?.provider === provider);
  if (!adapter) {
    throw new ResourceError(`${provider} is not configured here: refund it at the provider`, {
      reason: 'INVALID',
    });
  }
  return adapter;
}
