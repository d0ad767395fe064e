import { isRoundhouseError, ResourceError } from '@roundhouse/core';
import {
  assertCancellable,
  getSubscription,
  listSubscriptions,
  setCancelAtPeriodEnd,
} from '@roundhouse/db/repositories/subscriptions';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { ApiContext } from '../context';
import { setProviderAutoRenew } from '@roundhouse/db/repositories/provider-renewal';
import { protectedProcedure, requirePermission } from '../trpc';
import { auditActor } from './audit-actor';
import { subscriptionDto } from './subscriptions.dto';

const read = protectedProcedure.use(requirePermission('subscriptions', 'read'));
const write = protectedProcedure.use(requirePermission('subscriptions', 'write'));
const bySubscription = z.object({ subscriptionId: z.uuid() });

/** The caller's own subscriptions (buying one is the payments issue's `orders` router). */
export const subscriptionsRouter = {
  list: read.query(async ({ ctx }) =>
    (await listSubscriptions(ctx.db, ctx.user.id)).map(subscriptionDto),
  ),

  detail: read
    .input(bySubscription)
    .query(async ({ ctx, input }) =>
      subscriptionDto(await getSubscription(ctx.db, { userId: ctx.user.id, ...input })),
    ),

  /** `cancel: true` stops renewal at the end of the current period; `false` undoes that. */
  cancelAtPeriodEnd: write
    .input(bySubscription.extend({ cancel: z.boolean() }))
    .mutation(({ ctx, input }) => setCancel(ctx, input.subscriptionId, input.cancel)),

  /** Undoes "cancel at period end" before the period ends: the subscription renews again. */
  resume: write
    .input(bySubscription)
    .mutation(({ ctx, input }) => setCancel(ctx, input.subscriptionId, false)),
} satisfies TRPCRouterRecord;

type Ctx = ApiContext & { user: { id: string } };

/**
 * A subscription Stripe renews is changed at Stripe first: if Stripe cannot be told, ours stays
 * as it was (else we would show "canceled" while Stripe keeps charging, or the reverse).
 */
async function setCancel(ctx: Ctx, subscriptionId: string, cancel: boolean) {
  const { subscription } = await getSubscription(ctx.db, { userId: ctx.user.id, subscriptionId });
  assertCancellable(subscription.status);
  if (subscription.stripe_subscription_id) {
    try {
      await setProviderAutoRenew(ctx.payments, subscription.stripe_subscription_id, !cancel);
    } catch (error) {
      ctx.logger.warn({ err: error, subscriptionId, cancel }, 'Stripe auto-renew change failed');
      // Stripe's own refusals (e.g. a subscription it already ended) explain themselves.
      if (error instanceof ResourceError && error.reason === 'INVALID') throw error;
      throw new TRPCError({
        code: 'BAD_GATEWAY',
        message:
          `Stripe could not be told to ${cancel ? 'stop' : 'resume'} renewing this ` +
          'subscription, so nothing was changed. Please try again in a few minutes.',
        cause: isRoundhouseError(error) ? error : undefined,
      });
    }
  }
  return subscriptionDto(
    await ctx.db.transaction().execute((trx) =>
      setCancelAtPeriodEnd(trx, {
        userId: ctx.user.id,
        subscriptionId,
        cancel,
        by: auditActor(ctx),
      }),
    ),
  );
}
