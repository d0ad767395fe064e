import { ResourceError } from '@roundhouse/core';
import type Stripe from 'stripe';
import type { RefundRequest, RefundResult } from '../adapter';
import { stripeCall } from './stripe-errors';
import { idOf } from './stripe-session';

/**
 * refunds.create with Idempotency-Key = our refund number (DESIGN §5): asking again with the
 * same number returns the same refund. Stripe forgets idempotency keys after about a day while
 * reconcile_refunds keeps asking about a PENDING refund for longer, so the payment's refunds are
 * searched for our number (metadata.refund_no) first: a number is refunded once, whenever asked.
 * Our orders keep the payment_intent (one-off sessions) or the invoice (subscription sessions,
 * Stripe renewals); an invoice is refunded through the payment intent that paid it.
 */
export async function refundStripePayment(
  stripe: Stripe,
  request: RefundRequest,
): Promise<RefundResult> {
  const paymentIntent = await paymentIntentOf(stripe, request.providerTxnId);
  const refund =
    (await refundNumbered(stripe, paymentIntent, request.refundNo)) ??
    (await stripeCall('refund', () =>
      stripe.refunds.create(
        {
          payment_intent: paymentIntent,
          amount: request.amountMinor,
          reason: 'requested_by_customer',
          metadata: { out_trade_no: request.outTradeNo, refund_no: request.refundNo },
        },
        { idempotencyKey: request.refundNo },
      ),
    ));
  if (refund.currency.toUpperCase() !== request.currency || refund.amount !== request.amountMinor) {
    throw new ResourceError(
      `Stripe refund ${refund.id} is ${refund.amount} ${refund.currency}, not ${request.amountMinor} ${request.currency}`,
      { reason: 'CONFLICT' },
    );
  }
  if (refund.status === 'failed' || refund.status === 'canceled') {
    throw new ResourceError(`Stripe refund ${refund.id} ${refund.status}`, { reason: 'INVALID' });
  }
  return {
    status: refund.status === 'succeeded' ? 'SUCCEEDED' : 'PENDING',
    providerRefundId: refund.id,
  };
}

/** The payment's refund made for our refund number, if any (a payment has a few refunds). */
async function refundNumbered(
  stripe: Stripe,
  paymentIntent: string,
  refundNo: string,
): Promise<Stripe.Refund | undefined> {
  const refunds = await stripeCall('refunds list', () =>
    stripe.refunds.list({ payment_intent: paymentIntent, limit: 100 }),
  );
  return refunds.data.find((refund) => refund.metadata?.refund_no === refundNo);
}

async function paymentIntentOf(stripe: Stripe, providerTxnId: string | null): Promise<string> {
  if (providerTxnId?.startsWith('pi_')) return providerTxnId;
  if (providerTxnId?.startsWith('cs_')) {
    const session = await stripeCall('checkout session retrieve', () =>
      stripe.checkout.sessions.retrieve(providerTxnId),
    );
    const paidBy = idOf(session.payment_intent) ?? idOf(session.invoice);
    if (paidBy?.startsWith('pi_') || paidBy?.startsWith('in_'))
      return paymentIntentOf(stripe, paidBy);
  }
  if (!providerTxnId?.startsWith('in_')) {
    throw new ResourceError(`Not a Stripe payment to refund: ${providerTxnId ?? 'none'}`, {
      reason: 'INVALID',
    });
  }
  const payments = await stripeCall('invoice payments list', () =>
    stripe.invoicePayments.list({ invoice: providerTxnId, status: 'paid', limit: 10 }),
  );
  const paid = payments.data
    .map((entry) => idOf(entry.payment.payment_intent))
    .find((id): id is string => id !== null);
  if (!paid) {
    throw new ResourceError(`Invoice ${providerTxnId} has no paid payment intent`, {
      reason: 'NOT_FOUND',
    });
  }
  return paid;
}
