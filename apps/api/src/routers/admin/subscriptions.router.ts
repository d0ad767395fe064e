import { PLAN_IDS } from '@roundhouse/core';
import { grantSubscription } from '@roundhouse/db/repositories/provisioning';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { userId } from './inputs';
import { instanceTemplate } from './instance-template';
import { instanceDto, subscriptionDto } from './instances.dto';
import { adminActor, adminWrite } from './procedures';

/** The longest subscription an admin can give away in one grant. */
const MAX_GRANT_DAYS = 366;
const DAY_MS = 86_400_000;

const grantInput = z
  .object({
    userId,
    plan: z.enum(PLAN_IDS),
    source: z.enum(['TRIAL', 'COMPLIMENTARY']),
    periodEnd: z
      .date()
      .refine((end) => end.getTime() > Date.now(), 'periodEnd must be in the future')
      .refine(
        (end) => end.getTime() <= Date.now() + MAX_GRANT_DAYS * DAY_MS,
        `periodEnd must be within ${MAX_GRANT_DAYS} days`,
      ),
  })
  .strict();

export const adminSubscriptionsRouter = {
  /**
   * A subscription without payment (a trial or a complimentary plan) until `periodEnd`,
   * provisioned exactly like a paid one: ACTIVE, a new instance, its clone job enqueued.
   */
  grantSubscription: adminWrite.input(grantInput).mutation(async ({ ctx, input }) => {
    const template = instanceTemplate(ctx);
    const result = await ctx.db
      .transaction()
      .execute((trx) => grantSubscription(trx, { ...input, template, by: adminActor(ctx) }));
    return {
      subscription: subscriptionDto(result.subscription),
      instance: instanceDto(result.instance),
    };
  }),
} satisfies TRPCRouterRecord;
