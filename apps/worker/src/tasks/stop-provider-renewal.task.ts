import { ConfigurationError } from '@roundhouse/core';
import { setProviderAutoRenew } from '@roundhouse/db/repositories/provider-renewal';
import { defineTask } from '../define-task';

/**
 * Tells Stripe to stop renewing a subscription a full refund canceled, after the refund's own
 * attempt failed (db provider-renewal.ts). Throws while Stripe can't be told, so graphile-worker
 * retries with its backoff; asking twice is harmless (cancel at period end is idempotent).
 */
export const stopProviderRenewalTask = defineTask('stop_provider_renewal', async (payload, ctx) => {
  if (!ctx.payments) throw new ConfigurationError('Payments are not configured in this worker');
  await setProviderAutoRenew(ctx.payments, payload.stripeSubscriptionId, false);
  ctx.logger.info(
    { event: 'provider_renewal_stopped', stripeSubscriptionId: payload.stripeSubscriptionId },
    'Stripe renewal stopped after a full refund',
  );
});
