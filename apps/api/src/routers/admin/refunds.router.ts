import { FAPIAO_STATUSES } from '@roundhouse/core';
import { failFapiao, issueFapiao, listFapiaoRequests } from '@roundhouse/db/repositories/fapiao';
import { findOrder } from '@roundhouse/db/repositories/orders';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { refundOrder } from '../../payments/refund-order';
import { invoiceLinks } from '../invoices.dto';
import { pageInput } from './inputs';
import { adminActor, adminRead, adminWrite } from './procedures';

const reason = z.string().trim().min(1).max(500);

/**
 * admin.billing: refunds (through the order's provider, DESIGN §5) and the fapiao queue. Lists
 * of orders and refunds are admin.orders / admin.refunds (billing.router.ts).
 */
export const adminBillingRouter = {
  /**
   * Refunds an order in full (amountMinor omitted) or in part (≤ what is left). Answers with the
   * refund's status: SUCCEEDED, FAILED (the provider refused; nothing was refunded, ask again),
   * or PENDING (the provider's answer is outstanding; asking again reuses the refund number).
   */
  refund: adminWrite
    .input(
      z
        .object({
          orderId: z.uuid(),
          amountMinor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
          reason,
        })
        .strict(),
    )
    .mutation(async ({ ctx, input }) => {
      const { refund, renewal } = await refundOrder(ctx, {
        ...input,
        requestedBy: ctx.user.id,
        by: adminActor(ctx),
      });
      const order = await findOrder(ctx.db, refund.order_id);
      return {
        refund: {
          id: refund.id,
          orderId: refund.order_id,
          amountMinor: refund.amount_minor,
          currency: refund.currency,
          reason: refund.reason,
          status: refund.status,
          refundNo: refund.out_request_no,
          providerRefundId: refund.provider_refund_id,
          errorMessage: refund.error_message,
          completedAt: refund.completed_at,
        },
        order: { status: order?.status, refundedMinor: order?.refunded_minor },
        /** Null unless the refund ended a subscription Stripe renews: did Stripe stop? */
        providerRenewal: renewal,
      };
    }),

  fapiao: {
    /** Open requests first, oldest first (the work queue), then decided ones. */
    list: adminRead
      .input(
        z
          .object({
            statuses: z
              .array(z.enum(FAPIAO_STATUSES).exclude(['NOT_REQUESTED']))
              .max(3)
              .optional(),
            ...pageInput,
          })
          .strict()
          .prefault({}),
      )
      .query(async ({ ctx, input }) => {
        const page = await listFapiaoRequests(ctx.db, input);
        return { items: page.items.map(fapiaoDto), nextCursor: page.nextCursor };
      }),

    /** Records the number of the fapiao issued for a request; the customer is notified. */
    issue: adminWrite
      .input(
        z
          .object({
            invoiceId: z.uuid(),
            number: z
              .string()
              .trim()
              .regex(/^[0-9A-Za-z-]{8,32}$/, 'A fapiao number is 8-32 letters and digits'),
          })
          .strict(),
      )
      .mutation(async ({ ctx, input }) =>
        fapiaoDto(await issueFapiao(ctx.db, { ...input, by: adminActor(ctx) })),
      ),

    /** Refuses a request with a reason the customer sees (they may correct it and ask again). */
    fail: adminWrite
      .input(z.object({ invoiceId: z.uuid(), reason }).strict())
      .mutation(async ({ ctx, input }) =>
        fapiaoDto(await failFapiao(ctx.db, { ...input, by: adminActor(ctx) })),
      ),
  },
} satisfies TRPCRouterRecord;

function fapiaoDto(invoice: Awaited<ReturnType<typeof issueFapiao>>) {
  return {
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    userId: invoice.user_id,
    buyerEmail: invoice.buyer_email,
    amountMinor: invoice.amount_minor,
    currency: invoice.currency,
    status: invoice.fapiao_status,
    title: invoice.fapiao_title,
    taxpayerId: invoice.fapiao_taxpayer_id,
    email: invoice.fapiao_email,
    number: invoice.fapiao_number,
    issuedAt: invoice.fapiao_issued_at,
    failureReason: invoice.fapiao_failure_reason,
    updatedAt: invoice.updated_at,
    links: invoiceLinks(invoice.id),
  };
}
