import {
  getSubscription,
  listSubscriptions,
  setCancelAtPeriodEnd,
} from '@roundhouse/db/repositories/subscriptions';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
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
    .mutation(async ({ ctx, input }) =>
      subscriptionDto(
        await ctx.db
          .transaction()
          .execute((trx) =>
            setCancelAtPeriodEnd(trx, { userId: ctx.user.id, ...input, by: auditActor(ctx) }),
          ),
      ),
    ),

  /** Undoes "cancel at period end" before the period ends: the subscription renews again. */
  resume: write.input(bySubscription).mutation(async ({ ctx, input }) =>
    subscriptionDto(
      await ctx.db.transaction().execute((trx) =>
        setCancelAtPeriodEnd(trx, {
          userId: ctx.user.id,
          ...input,
          cancel: false,
          by: auditActor(ctx),
        }),
      ),
    ),
  ),
} satisfies TRPCRouterRecord;
