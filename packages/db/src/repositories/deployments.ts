import { INFLIGHT_DEPLOYMENT_STATUSES, ResourceError } from '@roundhouse/core';
import { sql } from 'kysely';
import type { DbOrTrx } from '../client';
import type { Deployment } from '../schema/instances';
import { afterCursor, type Keyset, type Page, sortKey, toPage } from './list-query';

/** The columns of a deployment callers are shown (no Railway ids, log cursors or heartbeat). */
export const DEPLOYMENT_SUMMARY_COLUMNS = [
  'id',
  'instance_id',
  'kind',
  'status',
  'progress',
  'attempt',
  'queued_at',
  'building_at',
  'deploying_at',
  'health_check_at',
  'finished_at',
  'error_class',
  'error_message',
  'created_at',
] as const satisfies readonly (keyof Deployment)[];

export type DeploymentSummary = Pick<Deployment, (typeof DEPLOYMENT_SUMMARY_COLUMNS)[number]>;

export interface ListDeploymentsInput {
  instanceId: string;
  /** The owner (else NOT_FOUND); null: any owner. */
  userId: string | null;
  limit: number;
  /** The previous page's nextCursor. */
  cursor?: string | undefined;
}

const NEWEST_FIRST: Keyset = {
  sort: 'd.created_at',
  sortType: 'timestamptz',
  id: 'd.id',
  idType: 'uuid',
  direction: 'desc',
};

/**
 * An instance's deployments, newest first, keyset-paginated over (created_at, id) on the
 * deployments_instance_created_idx index. NOT_FOUND unless the instance is the user's: the
 * instance row drives the query, so "not yours" and "no deployments" are told apart in one go.
 */
export async function listDeployments(
  db: DbOrTrx,
  input: ListDeploymentsInput,
): Promise<Page<DeploymentSummary>> {
  const { instanceId, userId, limit, cursor } = input;
  const rows = await db
    .selectFrom('instances as i')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('deployments as d')
          .select(DEPLOYMENT_SUMMARY_COLUMNS.map((c) => `d.${c}` as const))
          .select(sortKey(NEWEST_FIRST).as('sort_key'))
          .whereRef('d.instance_id', '=', 'i.id')
          .$if(cursor !== undefined, (q) => q.where(afterCursor(NEWEST_FIRST, cursor as string)))
          .orderBy('d.created_at', 'desc')
          .orderBy('d.id', 'desc')
          .limit(limit + 1)
          .as('page'),
      (join) => join.onTrue(),
    )
    .selectAll('page')
    .where('i.id', '=', instanceId)
    .$if(userId !== null, (q) => q.where('i.user_id', '=', userId as string))
    .execute();
  if (rows.length === 0) throw instanceNotFound(instanceId);
  // An instance without (further) deployments still yields its one row, with nulls.
  const found = rows.filter(
    (row): row is NonNullable<typeof row> & { id: string; sort_key: string } => row.id !== null,
  );
  return toPage(found, limit, ({ sort_key: _, ...row }) => row as DeploymentSummary);
}

/** The newest deployment of the instance that is still in flight (the monitor watches it). */
export async function findInflightDeployment(
  db: DbOrTrx,
  instanceId: string,
): Promise<Deployment | undefined> {
  return db
    .selectFrom('deployments')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .where('status', 'in', INFLIGHT_DEPLOYMENT_STATUSES)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The deployment a rollback returns to: the newest SUCCEEDED deployment Railway knows (it has a
 * railway_deployment_id) other than the one being rolled back from, which is the newest
 * deployment created before the rollback. The api calls this before creating the ROLLBACK row
 * (omit `rollbackDeploymentId`); the worker calls it with the ROLLBACK row's id and gets the same
 * answer.
 */
export async function findRollbackTarget(
  db: DbOrTrx,
  input: { instanceId: string; rollbackDeploymentId?: string },
): Promise<Deployment | undefined> {
  const { instanceId, rollbackDeploymentId } = input;
  const olderThanRollback = sql<boolean>`${sql.ref('created_at')} < (
    select r.created_at from deployments r where r.id = ${rollbackDeploymentId ?? null}::uuid
  )`;
  const rolledBackFrom = db
    .selectFrom('deployments')
    .select('id')
    .where('instance_id', '=', instanceId)
    .$if(rollbackDeploymentId !== undefined, (q) => q.where(olderThanRollback))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1);
  return db
    .selectFrom('deployments')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .where('status', '=', 'SUCCEEDED')
    .where('railway_deployment_id', 'is not', null)
    .where('id', 'not in', rolledBackFrom)
    .$if(rollbackDeploymentId !== undefined, (q) => q.where(olderThanRollback))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Whether a cancel_deployment job for this lifecycle key is waiting or running with attempts
 * left (one that gave up may be asked for again).
 */
export async function hasPendingCancel(db: DbOrTrx, jobKey: string): Promise<boolean> {
  const { rows } = await sql<{ pending: boolean }>`
    select exists (
      select 1 from graphile_worker.jobs
      where key = ${jobKey} and task_identifier = 'cancel_deployment'
        and attempts < max_attempts
    ) as pending
  `.execute(db);
  return rows[0]?.pending ?? false;
}

export function instanceNotFound(instanceId: string): ResourceError {
  return new ResourceError(`Instance ${instanceId} not found`, { reason: 'NOT_FOUND' });
}
