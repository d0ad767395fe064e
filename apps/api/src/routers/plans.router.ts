import { listPlans } from '@roundhouse/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { publicProcedure } from '../trpc';
import { planDto } from './plans.dto';

/** The plan catalog (code in core, DESIGN §2): public, so the pricing page needs no account. */
export const plansRouter = {
  list: publicProcedure.query(() => listPlans().map(planDto)),
} satisfies TRPCRouterRecord;
