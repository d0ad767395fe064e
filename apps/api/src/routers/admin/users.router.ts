import { USER_ROLES } from '@roundhouse/core';
import { banUser, listUsers, setUserRole, unbanUser } from '@roundhouse/db/repositories/users';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { pageInput, searchText, userId } from './inputs';
import { adminActor, adminRead, adminWrite } from './procedures';
import { adminUserDto } from './users.dto';

/** The longest a ban with an expiry may run; longer means a permanent ban (no expiry). */
const MAX_BAN_DAYS = 3_650;

const byUser = z.object({ userId }).strict();

/**
 * Users, ban/unban and roles, written directly to better-auth's tables (see repositories/users):
 * one transaction with the audit entry, no HTTP round trip through better-auth's admin API.
 */
export const adminUsersRouter = {
  list: adminRead
    .input(
      z
        .object({
          search: searchText,
          role: z.enum(USER_ROLES).optional(),
          banned: z.boolean().optional(),
          ...pageInput,
        })
        .strict()
        .prefault({}),
    )
    .query(async ({ ctx, input }) => {
      const page = await listUsers(ctx.db, input);
      return { items: page.items.map(adminUserDto), nextCursor: page.nextCursor };
    }),

  /** Bans the user (until `expiresAt`, or for good) and signs them out everywhere. */
  ban: adminWrite
    .input(
      byUser.extend({
        reason: z.string().trim().min(1).max(500),
        expiresAt: z
          .date()
          .refine((at) => at.getTime() > Date.now(), 'expiresAt must be in the future')
          .refine(
            (at) => at.getTime() <= Date.now() + MAX_BAN_DAYS * 86_400_000,
            `expiresAt must be within ${MAX_BAN_DAYS} days; omit it for a permanent ban`,
          )
          .optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { user, revokedSessions } = await ctx.db.transaction().execute((trx) =>
        banUser(trx, {
          userId: input.userId,
          reason: input.reason,
          expiresAt: input.expiresAt ?? null,
          adminId: ctx.user.id,
          by: adminActor(ctx),
        }),
      );
      ctx.callerCache.forgetUser(user.id);
      return { user: adminUserDto(user), revokedSessions };
    }),

  unban: adminWrite.input(byUser).mutation(async ({ ctx, input }) => {
    const user = await ctx.db
      .transaction()
      .execute((trx) => unbanUser(trx, { ...input, by: adminActor(ctx) }));
    ctx.callerCache.forgetUser(user.id);
    return adminUserDto(user);
  }),

  setRole: adminWrite
    .input(byUser.extend({ role: z.enum(USER_ROLES) }))
    .mutation(async ({ ctx, input }) => {
      const user = await ctx.db
        .transaction()
        .execute((trx) =>
          setUserRole(trx, { ...input, adminId: ctx.user.id, by: adminActor(ctx) }),
        );
      // The role is part of the cached caller: admin rights change with the next request.
      ctx.callerCache.forgetUser(user.id);
      return adminUserDto(user);
    }),
} satisfies TRPCRouterRecord;
