import { INSTANCE_STATUSES, PLAN_IDS } from '@roundhouse/core';
import {
  requestHealthCheck,
  resumeInstance,
  suspendInstance,
} from '@roundhouse/db/repositories/admin-instance-actions';
import {
  ADMIN_INSTANCE_SORTS,
  getAdminInstance,
  listAdminInstances,
  listInstancesNeedingAttention,
} from '@roundhouse/db/repositories/admin-instances';
import { retryInstance } from '@roundhouse/db/repositories/instance-actions';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { createdRange, orderedRange, pageInput, searchText, userId } from './inputs';
import {
  adminInstanceDetailDto,
  adminInstanceDto,
  attentionDto,
  instanceDto,
} from './instances.dto';
import { adminActor, adminRead, adminWrite } from './procedures';

const byInstance = z.object({ instanceId: z.uuid() }).strict();

const listInput = z
  .object({
    statuses: z.array(z.enum(INSTANCE_STATUSES)).max(INSTANCE_STATUSES.length).optional(),
    userId: userId.optional(),
    userEmail: z.string().trim().min(1).max(320).optional(),
    plan: z.enum(PLAN_IDS).optional(),
    ...createdRange,
    search: searchText,
    sort: z.enum(ADMIN_INSTANCE_SORTS).default('createdAt'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    ...pageInput,
  })
  .strict()
  .refine(orderedRange.check, orderedRange.params);

/** Every instance, whoever owns it. */
export const adminInstancesRouter = {
  /** Filtered, sorted, keyset-paginated: pass `nextCursor` back with the same filters and sort. */
  list: adminRead.input(listInput.prefault({})).query(async ({ ctx, input }) => {
    const page = await listAdminInstances(ctx.db, input);
    return { items: page.items.map(adminInstanceDto), nextCursor: page.nextCursor };
  }),

  detail: adminRead
    .input(byInstance)
    .query(async ({ ctx, input }) =>
      adminInstanceDetailDto(await getAdminInstance(ctx.db, input.instanceId)),
    ),

  /** FAILED, DEGRADED, stuck PROVISIONING/DEPLOYING, or failing health checks; with the reason. */
  needingAttention: adminRead
    .input(
      z
        .object({
          stuckAfterMinutes: z
            .number()
            .int()
            .min(1)
            .max(7 * 24 * 60)
            .default(30),
          ...pageInput,
        })
        .strict()
        .prefault({}),
    )
    .query(async ({ ctx, input }) => {
      const page = await listInstancesNeedingAttention(ctx.db, input);
      return { items: page.items.map(attentionDto), nextCursor: page.nextCursor };
    }),

  /** Health-checks this instance now (the worker's check_instance_health job). */
  healthCheck: adminWrite.input(byInstance).mutation(async ({ ctx, input }) => {
    const { instance, jobId } = await ctx.db
      .transaction()
      .execute((trx) => requestHealthCheck(trx, { ...input, by: adminActor(ctx) }));
    return { instanceId: instance.id, jobId };
  }),

  /**
   * Retries a FAILED instance for its owner (the customers' own retry, any owner): provisioning
   * again if the clone never finished, else a redeploy.
   */
  retry: adminWrite.input(byInstance).mutation(async ({ ctx, input }) => {
    const { instance, deployment, jobId } = await retryInstance(ctx.db, {
      instanceId: input.instanceId,
      userId: null,
      actor: adminActor(ctx),
    });
    return {
      instanceId: instance.id,
      status: instance.status,
      statusReason: instance.status_reason,
      deploymentId: deployment?.id ?? null,
      jobId,
    };
  }),

  suspend: adminWrite
    .input(byInstance.extend({ reason: z.string().trim().min(1).max(500) }))
    .mutation(async ({ ctx, input }) =>
      instanceDto(
        await ctx.db
          .transaction()
          .execute((trx) => suspendInstance(trx, { ...input, by: adminActor(ctx) })),
      ),
    ),

  resume: adminWrite
    .input(byInstance)
    .mutation(async ({ ctx, input }) =>
      instanceDto(
        await ctx.db
          .transaction()
          .execute((trx) => resumeInstance(trx, { ...input, by: adminActor(ctx) })),
      ),
    ),
} satisfies TRPCRouterRecord;
