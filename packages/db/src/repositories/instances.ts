import { INSTANCE_STATUSES, type InstanceStatus } from '@roundhouse/core';
import type { Transaction } from 'kysely';
import type { DbOrTrx } from '../client';
import type { Database } from '../schema/database';
import type { Instance } from '../schema/instances';
import {
  DEPLOYMENT_SUMMARY_COLUMNS,
  type DeploymentSummary,
  instanceNotFound,
} from './deployments';
import { afterCursor, type Keyset, type Page, sortKey, toPage } from './list-query';

/**
 * A customer's instances. Ownership is part of every query (`user_id = $owner`; null means any
 * owner, for admins), so someone else's id reads exactly like a missing one.
 */

export interface InstanceWithDeployment {
  instance: Instance;
  /** The deployment the instance is on or moving to; null before its first one. */
  currentDeployment: DeploymentSummary | null;
}

export interface InstanceRef {
  instanceId: string;
  /** The owner (else NOT_FOUND); null: any owner. */
  userId: string | null;
}

export interface ListInstancesInput {
  userId: string;
  /** Default: every status but DELETED (deleted instances stay as history, shown on request). */
  statuses?: readonly InstanceStatus[] | undefined;
  limit: number;
  /** The previous page's nextCursor. */
  cursor?: string | undefined;
}

const LIVE_STATUSES = INSTANCE_STATUSES.filter((status) => status !== 'DELETED');

const NEWEST_FIRST: Keyset = {
  sort: 'i.created_at',
  sortType: 'timestamptz',
  id: 'i.id',
  idType: 'uuid',
  direction: 'desc',
};

/**
 * Newest first, with each instance's current deployment joined in the same query (no N+1),
 * keyset-paginated on instances_user_created_idx.
 */
export async function listInstances(
  db: DbOrTrx,
  input: ListInstancesInput,
): Promise<Page<InstanceWithDeployment>> {
  const { userId, limit, cursor } = input;
  const rows = await withCurrentDeployment(db)
    .select(sortKey(NEWEST_FIRST).as('sort_key'))
    .where('i.user_id', '=', userId)
    .where('i.status', 'in', input.statuses ?? LIVE_STATUSES)
    .$if(cursor !== undefined, (q) => q.where(afterCursor(NEWEST_FIRST, cursor as string)))
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, ({ sort_key: _, ...row }) => splitRow(row));
}

/** One instance with its current deployment (one indexed query). NOT_FOUND unless visible. */
export async function getInstance(db: DbOrTrx, ref: InstanceRef): Promise<InstanceWithDeployment> {
  const row = await withCurrentDeployment(db)
    .where('i.id', '=', ref.instanceId)
    .$if(ref.userId !== null, (q) => q.where('i.user_id', '=', ref.userId as string))
    .executeTakeFirst();
  if (!row) throw instanceNotFound(ref.instanceId);
  return splitRow(row);
}

/** Locks the instance row for the rest of the transaction; NOT_FOUND unless visible. */
export async function lockInstance(
  trx: Transaction<Database>,
  ref: InstanceRef,
): Promise<Instance> {
  const instance = await trx
    .selectFrom('instances')
    .selectAll()
    .where('id', '=', ref.instanceId)
    .$if(ref.userId !== null, (q) => q.where('user_id', '=', ref.userId as string))
    .forUpdate()
    .executeTakeFirst();
  if (!instance) throw instanceNotFound(ref.instanceId);
  return instance;
}

type SummaryColumn = (typeof DEPLOYMENT_SUMMARY_COLUMNS)[number];
/** `d.status as cd_status`: the current deployment's columns, prefixed to sit beside `i.*`. */
type CurrentColumn = { [C in SummaryColumn]: `d.${C} as cd_${C}` }[SummaryColumn];
const CURRENT_COLUMNS = DEPLOYMENT_SUMMARY_COLUMNS.map((c) => `d.${c} as cd_${c}` as CurrentColumn);
const PREFIX = 'cd_';

function withCurrentDeployment(db: DbOrTrx) {
  return db
    .selectFrom('instances as i')
    .leftJoin('deployments as d', 'd.id', 'i.current_deployment_id')
    .selectAll('i')
    .select(CURRENT_COLUMNS);
}

type Row = Awaited<ReturnType<ReturnType<typeof withCurrentDeployment>['executeTakeFirstOrThrow']>>;

function splitRow(row: Row): InstanceWithDeployment {
  const instance: Record<string, unknown> = {};
  const deployment: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith(PREFIX)) deployment[key.slice(PREFIX.length)] = value;
    else instance[key] = value;
  }
  return {
    instance: instance as Instance,
    currentDeployment: row.cd_id === null ? null : (deployment as DeploymentSummary),
  };
}
