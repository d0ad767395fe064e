import {
  CURRENCIES,
  type Currency,
  getPlan,
  PLAN_IDS,
  RateLimitError,
  ResourceError,
} from '@roundhouse/core';
import type { Order } from '@roundhouse/db';
import {
  getOrder,
  listOrders,
  openOrder,
  setOrderCheckout,
} from '@roundhouse/db/repositories/orders';
import {
  CHECKOUT_PROVIDERS,
  type Checkout,
  type CheckoutProvider,
  type PaymentProviderAdapter,
} from '@roundhouse/payments';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { ApiContext } from '../context';
import { protectedProcedure, requirePermission } from '../trpc';
import { orderDto } from './orders.dto';

// Buying is part of managing subscriptions: API keys need the subscriptions permission.
const read = protectedProcedure.use(requirePermission('subscriptions', 'read'));
const write = protectedProcedure.use(requirePermission('subscriptions', 'write'));

const createInput = z.object({
  plan: z.enum(PLAN_IDS),
  provider: z.enum(CHECKOUT_PROVIDERS),
  currency: z.enum(CURRENCIES),
  /** Renew this subscription (a RENEWAL order for its plan) instead of buying a new one. */
  subscriptionId: z.uuid().optional(),
});

/**
 * Orders: a customer buys a plan. The price comes from core, the order is opened in the
 * database (one open order per user and plan: see `openOrder` for when the open one is returned
 * and when it is replaced), then the provider's checkout is attached.
 */
export const ordersRouter = {
  create: write.input(createInput).mutation(async ({ ctx, input }) => {
    limitOrderCreation(ctx);
    const adapter = checkoutAdapter(ctx, input.provider, input.currency);
    const { order, reused } = await openOrder(ctx.db, {
      userId: ctx.user.id,
      plan: input.plan,
      provider: adapter.provider,
      currency: input.currency,
      subscriptionId: input.subscriptionId,
    });
    const withCheckout = hasCheckoutOf(order, adapter)
      ? order
      : await attachCheckout(ctx, adapter, order);
    return { order: orderDto(withCheckout), reused };
  }),

  list: read.query(async ({ ctx }) => (await listOrders(ctx.db, ctx.user.id)).map(orderDto)),

  get: read
    .input(z.object({ orderId: z.uuid() }))
    .query(async ({ ctx, input }) =>
      orderDto(await getOrder(ctx.db, { userId: ctx.user.id, orderId: input.orderId })),
    ),
} satisfies TRPCRouterRecord;

function limitOrderCreation(ctx: ApiContext & { user: { id: string } }): void {
  try {
    ctx.payments.orderCreateLimiter.hit(ctx.user.id);
  } catch (error) {
    if (error instanceof RateLimitError && error.retryAfterMs !== undefined) {
      ctx.resHeaders.set('retry-after', String(Math.ceil(error.retryAfterMs / 1000)));
    }
    throw error;
  }
}

function checkoutAdapter(
  ctx: ApiContext,
  provider: CheckoutProvider,
  currency: Currency,
): PaymentProviderAdapter {
  const adapter = ctx.payments.byProvider[provider];
  if (!adapter) {
    const offered = Object.keys(ctx.payments.byProvider).join(', ');
    throw new ResourceError(`${provider} is not available here; choose one of ${offered}`, {
      reason: 'INVALID',
    });
  }
  if (!adapter.currencies.includes(currency)) {
    throw new ResourceError(`${provider} charges in ${adapter.currencies.join(' or ')}`, {
      reason: 'INVALID',
    });
  }
  return adapter;
}

/**
 * A reused order keeps its checkout unless another checkout option made it: the sandbox plays
 * Alipay (redirect) and WeChat Pay (QR) as one provider, SANDBOX, so its open order is reused
 * across the two and must get the checkout of the option chosen now.
 */
function hasCheckoutOf(order: Order, adapter: PaymentProviderAdapter): boolean {
  const checkout = order.checkout as Checkout | null;
  if (!checkout) return false;
  return !adapter.checkoutKind || checkout.kind === adapter.checkoutKind;
}

async function attachCheckout(
  ctx: ApiContext,
  adapter: PaymentProviderAdapter,
  order: Order,
): Promise<Order> {
  const plan = getPlan(order.plan);
  const checkout = await adapter.createCheckout({
    id: order.id,
    outTradeNo: order.out_trade_no,
    amountMinor: order.amount_minor,
    currency: order.currency,
    subject: `Roundhouse ${plan.name.en} (${plan.billingPeriod.days} days)`,
    expiresAt: order.expires_at ?? new Date(),
    // A new subscription may be renewed by the provider itself (Stripe: invoice.paid).
    ...(order.kind === 'NEW' ? { recurring: { intervalDays: plan.billingPeriod.days } } : {}),
  });
  return setOrderCheckout(ctx.db, order.id, checkout);
}
