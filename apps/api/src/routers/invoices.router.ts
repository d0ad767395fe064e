import { getInvoice, listInvoices } from '@roundhouse/db/repositories/invoices';
import { requestFapiao } from '@roundhouse/db/repositories/fapiao';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure, requirePermission } from '../trpc';
import { invoiceDto } from './invoices.dto';
import { fapiaoRequestInput } from './invoices.input';

// Invoices document what a customer bought: API keys need the subscriptions permission.
const read = protectedProcedure.use(requirePermission('subscriptions', 'read'));
const write = protectedProcedure.use(requirePermission('subscriptions', 'write'));

/** The caller's invoices and credit notes (issued by settlement and refunds), and fapiao. */
export const invoicesRouter = {
  /** Newest first; pass the returned `nextCursor` as `cursor` for older ones. */
  list: read
    .input(
      z
        .object({
          limit: z.number().int().min(1).max(100).default(20),
          cursor: z.string().min(1).max(1_000).optional(),
        })
        .strict()
        .prefault({}),
    )
    .query(async ({ ctx, input }) => {
      const page = await listInvoices(ctx.db, { userId: ctx.user.id, ...input });
      return { items: page.items.map(invoiceDto), nextCursor: page.nextCursor };
    }),

  get: read
    .input(z.object({ invoiceId: z.uuid() }).strict())
    .query(async ({ ctx, input }) =>
      invoiceDto(await getInvoice(ctx.db, { invoiceId: input.invoiceId, userId: ctx.user.id })),
    ),

  /** Asks for a formal fapiao on an invoice; once, unless an earlier request failed. */
  requestFapiao: write.input(fapiaoRequestInput).mutation(async ({ ctx, input }) => {
    await requestFapiao(ctx.db, { ...input, userId: ctx.user.id });
    return invoiceDto(
      await getInvoice(ctx.db, { invoiceId: input.invoiceId, userId: ctx.user.id }),
    );
  }),
} satisfies TRPCRouterRecord;
