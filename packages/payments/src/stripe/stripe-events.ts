import type Stripe from 'stripe';
import {
  NotificationRejectedError,
  type NotificationRequest,
  type ProviderNotification,
} from '../adapter';
import { idOf, sessionPayment, stripeCurrency } from './stripe-session';

/** Stripe's own default: a signature older than this is a replay. */
export const STRIPE_TOLERANCE_SECONDS = 300;

/**
 * A Stripe webhook delivery, verified with `constructEvent` over the raw body (DESIGN §5) and
 * mapped to what settlement understands. Every verified event is keyed by `event.id`, so a
 * redelivery is a duplicate; event types we do not act on come back as 'ignored'.
 */
export function verifyStripeNotification(
  stripe: Stripe,
  webhookSecret: string,
  request: NotificationRequest,
): ProviderNotification {
  if (!/^application\/json\b/i.test(request.contentType.trim())) {
    throw new NotificationRejectedError(
      'WRONG_CONTENT_TYPE',
      `Expected application/json, got "${request.contentType}"`,
    );
  }
  if (request.rawBody.trim() === '') {
    throw new NotificationRejectedError('MALFORMED', 'Empty body');
  }
  const signature = request.headers['stripe-signature'];
  if (!signature) throw new NotificationRejectedError('BAD_SIGNATURE', 'No Stripe-Signature');
  const event = constructEvent(stripe, webhookSecret, request.rawBody, signature);
  try {
    return mapEvent(event);
  } catch (error) {
    if (error instanceof NotificationRejectedError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new NotificationRejectedError('MALFORMED', `Event ${event.id}: ${message}`, true);
  }
}

function constructEvent(
  stripe: Stripe,
  secret: string,
  rawBody: string,
  signature: string,
): Stripe.Event {
  try {
    return stripe.webhooks.constructEvent(rawBody, signature, secret, STRIPE_TOLERANCE_SECONDS);
  } catch (error) {
    // The signature is checked before the body is parsed: a parse error is a signed bad body.
    if (error instanceof SyntaxError) {
      throw new NotificationRejectedError('MALFORMED', 'Signed body is not JSON', true);
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new NotificationRejectedError('BAD_SIGNATURE', message.split('\n')[0] ?? message);
  }
}

function mapEvent(event: Stripe.Event): ProviderNotification {
  const eventKey = event.id;
  const ignored = (reason: string, providerStatus: string = event.type) => ({
    kind: 'ignored' as const,
    eventKey,
    reason,
    providerStatus,
  });
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const payment = sessionPayment(event.data.object);
      const { outTradeNo, providerTxnId, amountMinor, currency } = payment;
      if (!outTradeNo || amountMinor === null || currency === null) {
        return ignored('Not a checkout of ours (no reference or amount)');
      }
      return {
        eventKey,
        outTradeNo,
        providerTxnId,
        amountMinor,
        currency,
        paid: payment.paid,
        paidAt: payment.paid ? new Date(event.created * 1000) : null,
        providerStatus: `${event.type}:${payment.providerStatus}`,
        ...(payment.providerSubscriptionId
          ? { providerSubscriptionId: payment.providerSubscriptionId }
          : {}),
      };
    }
    case 'invoice.paid':
      return invoicePaid(event.id, event.data.object, ignored);
    case 'customer.subscription.deleted':
      return {
        kind: 'cancellation',
        eventKey,
        providerSubscriptionId: event.data.object.id,
        providerStatus: `${event.type}:${event.data.object.status}`,
      };
    default:
      return ignored(`${event.type} is not acted on`);
  }
}

/**
 * A subscription's invoice was paid. The first one (subscription_create) is the checkout we
 * already settle from checkout.session.completed; a cycle one is a renewal Stripe made.
 */
function invoicePaid(
  eventKey: string,
  invoice: Stripe.Invoice,
  ignored: (reason: string, providerStatus?: string) => ProviderNotification,
): ProviderNotification {
  const status = `invoice.paid:${invoice.billing_reason ?? 'none'}`;
  const details = invoice.parent?.subscription_details;
  const providerSubscriptionId = idOf(details?.subscription);
  if (invoice.billing_reason === 'subscription_create') {
    return ignored('First invoice of the subscription: settled by its checkout session', status);
  }
  if (invoice.billing_reason !== 'subscription_cycle' || !providerSubscriptionId) {
    return ignored('Not a renewal of a subscription', status);
  }
  const paidAt = invoice.status_transitions.paid_at;
  return {
    kind: 'renewal',
    eventKey,
    providerSubscriptionId,
    originOutTradeNo: details?.metadata?.out_trade_no ?? null,
    providerTxnId: invoice.id,
    amountMinor: invoice.amount_paid,
    currency: stripeCurrency(invoice.currency),
    paidAt: paidAt === null ? null : new Date(paidAt * 1000),
    providerStatus: status,
  };
}
