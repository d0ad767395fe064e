import {
  countUnread,
  getEmailPreferences,
  listNotifications,
  markNotificationsRead,
  NOTIFICATION_CATEGORIES,
  setEmailPreferences,
} from '@roundhouse/db/repositories/notifications';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure, requirePermission } from '../trpc';
import { notificationDto } from './notifications.dto';

const read = protectedProcedure.use(requirePermission('notifications', 'read'));
const write = protectedProcedure.use(requirePermission('notifications', 'write'));

const emailPreferences = z
  .partialRecord(z.enum(NOTIFICATION_CATEGORIES), z.boolean())
  .refine((email) => Object.keys(email).length > 0, 'Name at least one category');

const markRead = z
  .object({ ids: z.array(z.uuid()).min(1).max(100).optional(), all: z.literal(true).optional() })
  .strict()
  .refine((input) => (input.ids === undefined) !== (input.all === undefined), {
    message: 'Pass either ids or all: true',
  });

/** The caller's notifications (the worker writes them) and email preferences. */
export const notificationsRouter = {
  /** Newest first; pass the returned `nextCursor` as `cursor` for older ones. */
  list: read
    .input(
      z
        .object({
          limit: z.number().int().min(1).max(100).default(20),
          unreadOnly: z.boolean().default(false),
          cursor: z.uuid().optional(),
        })
        .default({ limit: 20, unreadOnly: false }),
    )
    .query(async ({ ctx, input }) => {
      const page = await listNotifications(ctx.db, {
        userId: ctx.user.id,
        limit: input.limit,
        unreadOnly: input.unreadOnly,
        after: input.cursor,
      });
      return { items: page.items.map(notificationDto), nextCursor: page.nextCursor };
    }),

  unreadCount: read.query(async ({ ctx }) => ({ count: await countUnread(ctx.db, ctx.user.id) })),

  /** `{ ids: [...] }` or `{ all: true }`; returns how many were unread before. */
  markRead: write.input(markRead).mutation(async ({ ctx, input }) => ({
    marked: await ctx.db
      .transaction()
      .execute((trx) =>
        markNotificationsRead(
          trx,
          input.ids ? { userId: ctx.user.id, ids: input.ids } : { userId: ctx.user.id, all: true },
        ),
      ),
  })),

  /** Per category; on unless switched off. */
  emailPreferences: read.query(async ({ ctx }) => ({
    email: await getEmailPreferences(ctx.db, ctx.user.id),
  })),

  setEmailPreferences: write
    .input(z.object({ email: emailPreferences }))
    .mutation(async ({ ctx, input }) => ({
      email: await setEmailPreferences(ctx.db, { userId: ctx.user.id, email: input.email }),
    })),
} satisfies TRPCRouterRecord;
