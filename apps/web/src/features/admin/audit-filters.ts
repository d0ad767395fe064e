import type { AuditActorType } from '@roundhouse/core';
import { localDay } from './instance-filters';

/** The audit log page's filter boxes, as typed. */
export interface AuditFilters {
  actorType?: AuditActorType;
  actorId?: string;
  /** A prefix: "instance." finds every instance action. */
  action?: string;
  targetType?: string;
  targetId?: string;
  /** YYYY-MM-DD, local days, both inclusive. */
  from?: string;
  to?: string;
}

/** admin.auditLog.list's filter fields. */
interface AuditInput {
  actorType?: AuditActorType;
  actorId?: string;
  actionPrefix?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

/** The filters as admin.auditLog.list input (blank boxes left out), or not ok for an inverted range. */
export function auditInput(filters: AuditFilters): { ok: true; value: AuditInput } | { ok: false } {
  const value: AuditInput = {};
  const text = (s: string | undefined) => s?.trim() || undefined;
  if (filters.actorType) value.actorType = filters.actorType;
  if (text(filters.actorId)) value.actorId = text(filters.actorId);
  if (text(filters.action)) value.actionPrefix = text(filters.action);
  if (text(filters.targetType)) value.targetType = text(filters.targetType);
  if (text(filters.targetId)) value.targetId = text(filters.targetId);
  if (filters.from) value.from = localDay(filters.from);
  if (filters.to) {
    const end = localDay(filters.to);
    end.setDate(end.getDate() + 1);
    value.to = end;
  }
  if (value.from && value.to && value.from >= value.to) return { ok: false };
  return { ok: true, value };
}
