import { ResourceError } from '@roundhouse/core';
import type Stripe from 'stripe';
import { stripeCall } from './stripe-errors';

/** Stripe subscription statuses after which it never bills again. */
const ENDED = new Set(['canceled', 'incomplete_expired']);

/**
 * Turns Stripe's renewal of a subscription off (`renew: false`: it runs to the end of the
 * period paid for, then ends) or back on. Asking for the state it is already in changes
 * nothing, so a retry after a lost answer is harmless. A subscription Stripe already ended
 * needs nothing to stop it, and cannot renew again: that is refused (ResourceError INVALID).
 */
export async function setStripeAutoRenew(
  stripe: Stripe,
  providerSubscriptionId: string,
  renew: boolean,
): Promise<void> {
  const subscription = await stripeCall('subscription retrieve', () =>
    stripe.subscriptions.retrieve(providerSubscriptionId),
  );
  if (ENDED.has(subscription.status)) {
    if (!renew) return;
    throw new ResourceError(
      `Stripe subscription ${providerSubscriptionId} has ended (${subscription.status}) and ` +
        'cannot renew again; buy a new subscription instead',
      { reason: 'INVALID' },
    );
  }
  if (subscription.cancel_at_period_end === !renew) return;
  await stripeCall('subscription update', () =>
    stripe.subscriptions.update(providerSubscriptionId, { cancel_at_period_end: !renew }),
  );
}
