import type { InstanceStatus } from '@roundhouse/core';
import { sql, type Transaction } from 'kysely';
import type { DbOrTrx } from '../client';
import type { Database } from '../schema/database';
import { lockInstance, moveLockedInstance } from './worker-instances';
import type { Instance, InstanceUpdate } from '../schema/instances';

/**
 * What the fleet health check reads and writes. Built for thousands of instances a minute: due
 * instances come oldest-checked first from the (status, last_health_at) index, and results are
 * written in one statement per batch; only instances that change status get a transaction of
 * their own.
 */

/** Instances the health check looks at. */
export const HEALTH_CHECKED_STATUSES = [
  'RUNNING',
  'DEGRADED',
] as const satisfies readonly InstanceStatus[];

export interface HealthTarget {
  id: string;
  userId: string;
  status: InstanceStatus;
  publicUrl: string;
  healthFailures: number;
  lastHealth: Record<string, unknown> | null;
  /** Railway id of the instance's current deployment (asked when the instance fails). */
  railwayDeploymentId: string | null;
}

/**
 * Up to `limit` RUNNING/DEGRADED instances with a public URL, never checked or last checked
 * before `dueBefore`, longest ago first. With `instanceIds`, those instances whatever their
 * last check (a manual check).
 */
export async function dueHealthChecks(
  db: DbOrTrx,
  input: { limit: number; dueBefore: Date; instanceIds?: readonly string[] },
): Promise<HealthTarget[]> {
  const { instanceIds } = input;
  const rows = await db
    .selectFrom('instances as i')
    .leftJoin('deployments as d', 'd.id', 'i.current_deployment_id')
    .select([
      'i.id',
      'i.user_id',
      'i.status',
      'i.public_url',
      'i.health_failures',
      'i.last_health',
      'd.railway_deployment_id',
    ])
    .where('i.status', 'in', HEALTH_CHECKED_STATUSES)
    .where('i.public_url', 'is not', null)
    .$if(instanceIds === undefined, (q) =>
      q.where((eb) =>
        eb.or([eb('i.last_health_at', 'is', null), eb('i.last_health_at', '<', input.dueBefore)]),
      ),
    )
    .$if(instanceIds !== undefined, (q) => q.where('i.id', 'in', instanceIds as string[]))
    .orderBy(sql`i.last_health_at asc nulls first`)
    .orderBy('i.id')
    .limit(input.limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    status: row.status,
    publicUrl: row.public_url as string,
    healthFailures: row.health_failures,
    lastHealth: row.last_health,
    railwayDeploymentId: row.railway_deployment_id,
  }));
}

export interface HealthRecord {
  instanceId: string;
  health: Record<string, unknown>;
}

export interface RecordedHealth {
  id: string;
  status: InstanceStatus;
  healthFailures: number;
}

/**
 * Stores a batch of check results in one statement, on instances still RUNNING or DEGRADED: a
 * pass resets `health_failures`, a failure adds one. Returns the rows as they are now.
 */
export async function recordHealthChecks(
  db: DbOrTrx,
  input: { passed: readonly HealthRecord[]; failed: readonly HealthRecord[]; now: Date },
): Promise<RecordedHealth[]> {
  const all = [
    ...input.passed.map((r) => ({ ...r, ok: true })),
    ...input.failed.map((r) => ({ ...r, ok: false })),
  ];
  if (all.length === 0) return [];
  const ids = all.map((r) => r.instanceId);
  const healths = all.map((r) => JSON.stringify(r.health));
  const oks = all.map((r) => r.ok);
  const { rows } = await sql<{ id: string; status: InstanceStatus; health_failures: number }>`
    update instances i set
      last_health = u.health,
      last_health_at = ${input.now},
      health_failures = case when u.ok then 0 else i.health_failures + 1 end
    from unnest(${ids}::uuid[], ${healths}::jsonb[], ${oks}::boolean[]) as u(id, health, ok)
    where i.id = u.id and i.status in ('RUNNING', 'DEGRADED')
    returning i.id, i.status, i.health_failures
  `.execute(db);
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    healthFailures: row.health_failures,
  }));
}

/**
 * Moves a locked instance from one of `from` to `to` through the state machine; undefined (and
 * nothing changed) when it is in another status by now.
 */
export async function moveInstanceIf(
  trx: Transaction<Database>,
  input: {
    instanceId: string;
    from: readonly InstanceStatus[];
    to: InstanceStatus;
    extra?: InstanceUpdate;
  },
): Promise<Instance | undefined> {
  const current = await lockInstance(trx, input.instanceId);
  if (!current || !input.from.includes(current.status)) return undefined;
  return moveLockedInstance(trx, current, input.to, input.extra);
}
