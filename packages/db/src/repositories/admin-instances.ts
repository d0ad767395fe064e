import type { InstanceStatus, PlanId } from '@roundhouse/core';
import { ResourceError } from '@roundhouse/core';
import { sql } from 'kysely';
import type { DbOrTrx } from '../client';
import {
  afterCursor,
  containsPattern,
  type Keyset,
  type Page,
  type SortDirection,
  sortKey,
  toPage,
} from './list-query';

/**
 * The fleet as admins see it: every instance, whoever owns it. Read-only queries; the admin
 * actions on instances are in admin-instance-actions.ts.
 */

export interface AdminInstanceFilters {
  statuses?: InstanceStatus[];
  userId?: string;
  /** Exact address, case-insensitive. */
  userEmail?: string;
  plan?: PlanId;
  createdFrom?: Date;
  /** Exclusive. */
  createdTo?: Date;
  /** Part of the instance name or domain, case-insensitive. */
  search?: string;
}

export const ADMIN_INSTANCE_SORTS = ['createdAt', 'updatedAt', 'status'] as const;
export type AdminInstanceSort = (typeof ADMIN_INSTANCE_SORTS)[number];

export interface AdminInstanceListInput extends AdminInstanceFilters {
  sort: AdminInstanceSort;
  direction: SortDirection;
  limit: number;
  cursor?: string;
}

const SORT_COLUMNS: Record<AdminInstanceSort, Pick<Keyset, 'sort' | 'sortType'>> = {
  // (created_at desc, id desc) is indexed: the default order pages without sorting.
  createdAt: { sort: 'i.created_at', sortType: 'timestamptz' },
  updatedAt: { sort: 'i.updated_at', sortType: 'timestamptz' },
  status: { sort: 'i.status', sortType: 'text' },
};

function instanceRows(db: DbOrTrx) {
  return db
    .selectFrom('instances as i')
    .innerJoin('user as u', 'u.id', 'i.user_id')
    .innerJoin('subscriptions as s', 's.id', 'i.subscription_id')
    .leftJoin('deployments as d', 'd.id', 'i.current_deployment_id')
    .select([
      'i.id',
      'i.name',
      'i.status',
      'i.status_reason',
      'i.domain',
      'i.public_url',
      'i.user_id',
      'u.email as user_email',
      'i.subscription_id',
      's.plan',
      's.source',
      's.status as subscription_status',
      'i.health_failures',
      'i.last_health_at',
      'i.error_class',
      'i.error_message',
      'i.created_at',
      'i.updated_at',
      'd.id as deployment_id',
      'd.status as deployment_status',
      'd.progress as deployment_progress',
    ]);
}

export type AdminInstanceRow = Awaited<
  ReturnType<ReturnType<typeof instanceRows>['executeTakeFirstOrThrow']>
>;

/** One page of instances matching every given filter, in the requested order. */
export async function listAdminInstances(
  db: DbOrTrx,
  input: AdminInstanceListInput,
): Promise<Page<AdminInstanceRow>> {
  const keyset: Keyset = {
    ...SORT_COLUMNS[input.sort],
    id: 'i.id',
    idType: 'uuid',
    direction: input.direction,
  };
  let query = instanceRows(db).select(sortKey(keyset).as('sort_key'));
  if (input.statuses?.length) query = query.where('i.status', 'in', input.statuses);
  if (input.userId !== undefined) query = query.where('i.user_id', '=', input.userId);
  if (input.userEmail !== undefined) {
    query = query.where(sql<boolean>`lower(u.email) = lower(${input.userEmail})`);
  }
  if (input.plan !== undefined) query = query.where('s.plan', '=', input.plan);
  if (input.createdFrom !== undefined) query = query.where('i.created_at', '>=', input.createdFrom);
  if (input.createdTo !== undefined) query = query.where('i.created_at', '<', input.createdTo);
  if (input.search !== undefined) {
    const pattern = containsPattern(input.search);
    query = query.where((eb) =>
      eb.or([eb('i.name', 'ilike', pattern), eb('i.domain', 'ilike', pattern)]),
    );
  }
  if (input.cursor !== undefined) query = query.where(afterCursor(keyset, input.cursor));
  const rows = await query
    .orderBy(sql.ref(keyset.sort), input.direction)
    .orderBy('i.id', input.direction)
    .limit(input.limit + 1)
    .execute();
  return toPage(rows, input.limit, ({ sort_key: _key, ...row }) => row);
}

/** How many deployments the detail shows, newest first. */
const RECENT_DEPLOYMENTS = 10;

/** Any owner's instance with its owner, subscription and latest deployments; NOT_FOUND if none. */
export async function getAdminInstance(db: DbOrTrx, instanceId: string) {
  const [instance, deployments] = await Promise.all([
    db
      .selectFrom('instances as i')
      .innerJoin('user as u', 'u.id', 'i.user_id')
      .innerJoin('subscriptions as s', 's.id', 'i.subscription_id')
      .selectAll('i')
      .select([
        'u.email as user_email',
        'u.name as user_name',
        'u.banned as user_banned',
        's.plan',
        's.source',
        's.status as subscription_status',
        's.current_period_end',
      ])
      .where('i.id', '=', instanceId)
      .executeTakeFirst(),
    db
      .selectFrom('deployments')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(RECENT_DEPLOYMENTS)
      .execute(),
  ]);
  if (!instance) {
    throw new ResourceError(`Instance ${instanceId} not found`, { reason: 'NOT_FOUND' });
  }
  return { instance, deployments };
}

export type AdminInstanceDetail = Awaited<ReturnType<typeof getAdminInstance>>;

/** Why an instance is on the "needing attention" list, most urgent first. */
export const ATTENTION_REASONS = [
  'FAILED',
  'DEGRADED',
  'STUCK_PROVISIONING',
  'STUCK_DEPLOYING',
  'HEALTH_CHECK_FAILING',
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export interface AttentionInput {
  /** PROVISIONING/DEPLOYING instances unchanged for this long count as stuck. */
  stuckAfterMinutes: number;
  limit: number;
  cursor?: string;
}

/**
 * Instances an admin should look at: FAILED, DEGRADED, stuck in PROVISIONING/DEPLOYING (no
 * change for `stuckAfterMinutes`), or RUNNING with failed health checks — each with its reason.
 * Longest-unchanged first, paged by (updated_at, id).
 */
export async function listInstancesNeedingAttention(db: DbOrTrx, input: AttentionInput) {
  const keyset: Keyset = {
    sort: 'i.updated_at',
    sortType: 'timestamptz',
    id: 'i.id',
    idType: 'uuid',
    direction: 'asc',
  };
  const stuckBefore = sql<Date>`now() - make_interval(mins => ${input.stuckAfterMinutes})`;
  const reason = sql<AttentionReason>`case
    when i.status in ('FAILED', 'DEGRADED') then i.status
    when i.status in ('PROVISIONING', 'DEPLOYING') then 'STUCK_' || i.status
    else 'HEALTH_CHECK_FAILING' end`;
  let query = instanceRows(db)
    .select([reason.as('reason'), sortKey(keyset).as('sort_key')])
    .where((eb) =>
      eb.or([
        eb('i.status', 'in', ['FAILED', 'DEGRADED']),
        eb.and([
          eb('i.status', 'in', ['PROVISIONING', 'DEPLOYING']),
          eb('i.updated_at', '<', stuckBefore),
        ]),
        eb.and([eb('i.status', '=', 'RUNNING'), eb('i.health_failures', '>', 0)]),
      ]),
    );
  if (input.cursor !== undefined) query = query.where(afterCursor(keyset, input.cursor));
  const rows = await query
    .orderBy('i.updated_at', 'asc')
    .orderBy('i.id', 'asc')
    .limit(input.limit + 1)
    .execute();
  return toPage(rows, input.limit, ({ sort_key: _key, ...row }) => row);
}

export type AttentionRow = Awaited<
  ReturnType<typeof listInstancesNeedingAttention>
>['items'][number];
