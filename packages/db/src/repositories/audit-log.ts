import type { AuditActorType } from '@roundhouse/core';
import type { DbOrTrx } from '../client';
import type { AuditLogEntry } from '../schema/audit';
import { afterCursor, type Keyset, type Page, prefixPattern, sortKey, toPage } from './list-query';

/** Reading the audit trail (writing is `recordAudit` in audit.ts). Newest first. */

export interface AuditLogListInput {
  actorType?: AuditActorType;
  actorId?: string;
  /** `admin.` matches every admin action, `admin.user.ban` exactly that one (and longer). */
  actionPrefix?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  limit: number;
  cursor?: string;
}

const KEYSET: Keyset = {
  sort: 'a.at',
  sortType: 'timestamptz',
  id: 'a.id',
  idType: 'uuid',
  direction: 'desc',
};

export async function listAuditLog(
  db: DbOrTrx,
  input: AuditLogListInput,
): Promise<Page<AuditLogEntry>> {
  let query = db.selectFrom('audit_log as a').selectAll('a').select(sortKey(KEYSET).as('sort_key'));
  if (input.actorType !== undefined) query = query.where('a.actor_type', '=', input.actorType);
  if (input.actorId !== undefined) query = query.where('a.actor_id', '=', input.actorId);
  if (input.actionPrefix !== undefined) {
    query = query.where('a.action', 'like', prefixPattern(input.actionPrefix));
  }
  if (input.targetType !== undefined) query = query.where('a.target_type', '=', input.targetType);
  if (input.targetId !== undefined) query = query.where('a.target_id', '=', input.targetId);
  if (input.from !== undefined) query = query.where('a.at', '>=', input.from);
  if (input.to !== undefined) query = query.where('a.at', '<', input.to);
  if (input.cursor !== undefined) query = query.where(afterCursor(KEYSET, input.cursor));
  const rows = await query
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return toPage(rows, input.limit, ({ sort_key: _key, ...row }) => row);
}
