import { AUDIT_ACTOR_TYPES } from '@roundhouse/core';
import type { AuditLogEntry } from '@roundhouse/db';
import { listAuditLog } from '@roundhouse/db/repositories/audit-log';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { pageInput } from './inputs';
import { adminRead } from './procedures';

const text = z.string().trim().min(1).max(200);

export const adminAuditLogRouter = {
  /** Newest first; filters combine. */
  list: adminRead
    .input(
      z
        .object({
          actorType: z.enum(AUDIT_ACTOR_TYPES).optional(),
          actorId: text.optional(),
          actionPrefix: text.optional(),
          targetType: text.optional(),
          targetId: text.optional(),
          from: z.date().optional(),
          to: z.date().optional(),
          ...pageInput,
        })
        .strict()
        .refine((i) => !i.from || !i.to || i.from < i.to, {
          message: 'to must be after from',
          path: ['to'],
        })
        .prefault({}),
    )
    .query(async ({ ctx, input }) => {
      const page = await listAuditLog(ctx.db, input);
      return { items: page.items.map(auditEntryDto), nextCursor: page.nextCursor };
    }),
} satisfies TRPCRouterRecord;

function auditEntryDto(entry: AuditLogEntry) {
  return {
    id: entry.id,
    actorType: entry.actor_type,
    actorId: entry.actor_id,
    action: entry.action,
    target: entry.target_type === null ? null : { type: entry.target_type, id: entry.target_id },
    ip: entry.ip,
    at: entry.at,
    details: entry.details,
  };
}
