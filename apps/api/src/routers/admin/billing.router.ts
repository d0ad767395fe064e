import { ORDER_STATUSES, PAYMENT_PROVIDERS, REFUND_STATUSES } from '@roundhouse/core';
import {
  type AdminOrderRow,
  type AdminRefundRow,
  listOrders,
  listRefunds,
} from '@roundhouse/db/repositories/billing-admin';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { createdRange, orderedRange, pageInput, userId } from './inputs';
import { adminRead } from './procedures';

/** Orders and refunds of every user, newest first (the payments issue creates them). */
export const adminOrdersRouter = {
  list: adminRead
    .input(
      z
        .object({
          statuses: z.array(z.enum(ORDER_STATUSES)).max(ORDER_STATUSES.length).optional(),
          provider: z.enum(PAYMENT_PROVIDERS).optional(),
          userId: userId.optional(),
          outTradeNo: z.string().trim().min(1).max(64).optional(),
          ...createdRange,
          ...pageInput,
        })
        .strict()
        .refine(orderedRange.check, orderedRange.params)
        .prefault({}),
    )
    .query(async ({ ctx, input }) => {
      const page = await listOrders(ctx.db, input);
      return { items: page.items.map(orderDto), nextCursor: page.nextCursor };
    }),
} satisfies TRPCRouterRecord;

export const adminRefundsRouter = {
  list: adminRead
    .input(
      z
        .object({
          statuses: z.array(z.enum(REFUND_STATUSES)).max(REFUND_STATUSES.length).optional(),
          orderId: z.uuid().optional(),
          userId: userId.optional(),
          ...createdRange,
          ...pageInput,
        })
        .strict()
        .refine(orderedRange.check, orderedRange.params)
        .prefault({}),
    )
    .query(async ({ ctx, input }) => {
      const page = await listRefunds(ctx.db, input);
      return { items: page.items.map(refundDto), nextCursor: page.nextCursor };
    }),
} satisfies TRPCRouterRecord;

function orderDto(order: AdminOrderRow) {
  return {
    id: order.id,
    user: { id: order.user_id, email: order.user_email },
    subscriptionId: order.subscription_id,
    plan: order.plan,
    planVersion: order.plan_version,
    kind: order.kind,
    provider: order.provider,
    outTradeNo: order.out_trade_no,
    amountMinor: order.amount_minor,
    currency: order.currency,
    status: order.status,
    providerTxnId: order.provider_txn_id,
    refundedMinor: order.refunded_minor,
    paidAt: order.paid_at,
    expiresAt: order.expires_at,
    closedAt: order.closed_at,
    createdAt: order.created_at,
    updatedAt: order.updated_at,
  };
}

function refundDto(refund: AdminRefundRow) {
  return {
    id: refund.id,
    orderId: refund.order_id,
    outTradeNo: refund.out_trade_no,
    userId: refund.user_id,
    provider: refund.provider,
    amountMinor: refund.amount_minor,
    currency: refund.currency,
    reason: refund.reason,
    status: refund.status,
    providerRefundId: refund.provider_refund_id,
    outRequestNo: refund.out_request_no,
    requestedBy: refund.requested_by,
    errorMessage: refund.error_message,
    completedAt: refund.completed_at,
    createdAt: refund.created_at,
    updatedAt: refund.updated_at,
  };
}
