import type { AuditActorType } from '@roundhouse/core';
import type { Insertable, Selectable } from 'kysely';
import type { CreatedAt, DefaultJsonb, DefaultTimestamp, UpdatedAt, UuidId } from './columns';

export interface AuditLogTable {
  id: UuidId;
  actor_type: AuditActorType;
  /** User id, API key id or system component; no FK so the trail outlives its actors. */
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  at: DefaultTimestamp;
  details: DefaultJsonb;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type AuditLogEntry = Selectable<AuditLogTable>;
export type NewAuditLogEntry = Insertable<AuditLogTable>;
