import type { TRPCRouterRecord } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../auth/api-keys';
import { permissionsSchema } from '../auth/permissions';
import { sessionProcedure } from '../trpc';

/**
 * The signed-in user's API keys. Session-only: a key can neither mint nor revoke keys, so a
 * leaked key cannot entrench itself. The key itself is returned once, by `create`.
 */
export const apiKeysRouter = {
  create: sessionProcedure
    .input(
      z.object({
        name: z.string().trim().min(1).max(64),
        permissions: permissionsSchema,
        /** Days until it stops working; null or absent: never. */
        expiresInDays: z.number().int().min(1).max(365).nullish(),
      }),
    )
    .mutation(({ ctx, input }) => {
      if (input.permissions.admin && ctx.user.role !== 'admin') {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'Only admins can grant the "admin" permission',
        });
      }
      return createApiKey(ctx, {
        userId: ctx.user.id,
        name: input.name,
        permissions: input.permissions,
        expiresInDays: input.expiresInDays ?? null,
        ip: ctx.ip,
      });
    }),

  list: sessionProcedure.query(({ ctx }) => listApiKeys(ctx.db, ctx.user.id)),

  revoke: sessionProcedure
    .input(z.object({ id: z.string().min(1).max(64) }))
    .mutation(async ({ ctx, input }) => {
      const revoked = await revokeApiKey(ctx.db, { userId: ctx.user.id, id: input.id, ip: ctx.ip });
      ctx.callerCache.forgetApiKey(revoked.id);
      return revoked;
    }),
} satisfies TRPCRouterRecord;
