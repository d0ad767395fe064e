import { ConfigurationError, jobKeys } from '@roundhouse/core';
import { enqueue } from '../enqueue';
import type { Refund } from '../schema/billing';
import { type AuditActor, recordAudit } from './audit';
import type { RefundingAdapters, RefundServices } from './refund-provider-port';

/**
 * Turns renewal at the provider that renews a subscription by itself (Stripe: our
 * subscriptions.stripe_subscription_id) off or back on. Ours only records what the provider
 * does: a subscription we mark canceled while Stripe keeps charging would take money for a
 * period we never provide. Throws the adapter's core error when Stripe refuses or cannot be
 * reached, and ConfigurationError when Stripe is not configured here any more.
 */
export async function setProviderAutoRenew(
  payments: RefundingAdapters,
  stripeSubscriptionId: string,
  renew: boolean,
): Promise<void> {
  const stripe = payments.byProvider.STRIPE;
  if (!stripe?.setAutoRenew) {
    throw new ConfigurationError(
      `Subscription ${stripeSubscriptionId} renews through Stripe, which is not configured here`,
    );
  }
  await stripe.setAutoRenew(stripeSubscriptionId, renew);
}

/**
 * What a full refund did to the provider's renewal; null: nothing renews at a provider. Not
 * stopped: the worker's `stop_provider_renewal` job keeps asking (`retrying`).
 */
export type RenewalStop =
  { stopped: true } | { stopped: false; error: string; retrying: true } | null;

/**
 * After a FULL refund succeeded: the subscription is canceled on our side, so the provider
 * must not bill it again. The refund stands whatever happens here; a failure is logged, audited,
 * handed to the worker (`stop_provider_renewal`, retried until Stripe has been told) and
 * returned so the admin sees it.
 */
export async function stopRenewalAfterRefund(
  services: RefundServices,
  refund: Refund,
  by: AuditActor,
): Promise<RenewalStop> {
  if (refund.status !== 'SUCCEEDED') return null;
  const row = await services.db
    .selectFrom('orders as o')
    .innerJoin('subscriptions as s', 's.id', 'o.subscription_id')
    .select(['o.status', 's.id as subscription_id', 's.stripe_subscription_id'])
    .where('o.id', '=', refund.order_id)
    .executeTakeFirst();
  if (row?.status !== 'REFUNDED' || !row.stripe_subscription_id) return null;
  let stop: RenewalStop;
  try {
    await setProviderAutoRenew(services.payments, row.stripe_subscription_id, false);
    stop = { stopped: true };
  } catch (error) {
    services.logger.error(
      { err: error, refundId: refund.id, stripeSubscriptionId: row.stripe_subscription_id },
      'full refund: Stripe renewal could not be stopped',
    );
    stop = {
      stopped: false,
      error: error instanceof Error ? error.message.slice(0, 500) : 'unknown',
      retrying: true,
    };
    await enqueue(
      services.db,
      'stop_provider_renewal',
      { stripeSubscriptionId: row.stripe_subscription_id },
      { jobKey: jobKeys.stopRenewal(row.stripe_subscription_id) },
    );
  }
  await recordAudit(services.db, {
    ...by,
    action: stop.stopped ? 'admin.refund.stop_renewal' : 'admin.refund.stop_renewal_failed',
    target: { type: 'subscription', id: row.subscription_id },
    details: { refundId: refund.id, stripeSubscriptionId: row.stripe_subscription_id, ...stop },
  });
  return stop;
}
