import { getOrder } from '@roundhouse/db/repositories/orders';
import { getSubscription } from '@roundhouse/db/repositories/subscriptions';
import { CHECKOUT_PROVIDERS } from '@roundhouse/payments';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure, publicProcedure, requirePermission } from '../trpc';

const read = protectedProcedure.use(requirePermission('subscriptions', 'read'));

/** What the "waiting for your payment" page polls. */
export const paymentsRouter = {
  /**
   * The checkout options this server offers (the web shows only these): Stripe appears only
   * when its keys are configured, in live or sandbox mode.
   */
  providers: publicProcedure.query(({ ctx }) =>
    CHECKOUT_PROVIDERS.flatMap((provider) => {
      const adapter = ctx.payments.byProvider[provider];
      return adapter
        ? [
            {
              provider,
              currencies: [...adapter.currencies],
              checkoutKind: adapter.checkoutKind ?? null,
            },
          ]
        : [];
    }),
  ),

  /**
   * Reads our order row (set only by a verified notification), never the browser's return URL,
   * plus the subscription and instance the payment provisioned.
   */
  status: read.input(z.object({ orderId: z.uuid() })).query(async ({ ctx, input }) => {
    const order = await getOrder(ctx.db, { userId: ctx.user.id, orderId: input.orderId });
    const provisioned = order.subscription_id
      ? await getSubscription(ctx.db, {
          userId: ctx.user.id,
          subscriptionId: order.subscription_id,
        })
      : null;
    return {
      orderId: order.id,
      status: order.status,
      paid: order.status !== 'CREATED' && order.status !== 'CLOSED',
      paidAt: order.paid_at,
      expiresAt: order.expires_at,
      subscription: provisioned && {
        id: provisioned.subscription.id,
        status: provisioned.subscription.status,
        currentPeriodEnd: provisioned.subscription.current_period_end,
      },
      instance: provisioned?.instance && {
        id: provisioned.instance.id,
        status: provisioned.instance.status,
      },
    };
  }),
} satisfies TRPCRouterRecord;
