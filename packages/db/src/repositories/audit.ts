import type { AuditActorType } from '@roundhouse/core';
import type { DbOrTrx } from '../client';

export interface AuditEntry {
  actorType: AuditActorType;
  actorId: string | null;
  /** Dotted verb naming what happened, e.g. `credentials.set`, `admin.instance.suspend`. */
  action: string;
  target?: { type: string; id: string };
  ip?: string | null;
  /** What changed; never secret values (callers pass masked forms). */
  details?: Record<string, unknown>;
}

/** Who did something, as the repositories that audit their changes take it. */
export type AuditActor = Pick<AuditEntry, 'actorType' | 'actorId' | 'ip'>;

/**
 * Appends one audit row. Call it with the transaction that makes the change, so an action is
 * audited exactly when it happens.
 */
export async function recordAudit(db: DbOrTrx, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_type: entry.actorType,
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.target?.type ?? null,
      target_id: entry.target?.id ?? null,
      ip: entry.ip ?? null,
      details: entry.details ?? {},
    })
    .execute();
}
