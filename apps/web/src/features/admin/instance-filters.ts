import { INSTANCE_STATUSES, PLAN_IDS, type InstanceStatus, type PlanId } from '@roundhouse/core';
import type { RouterInputs } from '../../lib/types';

/**
 * The /admin/instances filters as they live in the URL: flat strings only, so links are
 * readable and shareable (`?status=FAILED,DEGRADED&plan=PRO&sort=updatedAt`). Anything invalid
 * in a hand-edited URL is dropped rather than sent to the API to be refused.
 */
export const INSTANCE_SORTS = ['createdAt', 'updatedAt', 'status'] as const;
export type InstanceSort = (typeof INSTANCE_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

export interface InstanceFilters {
  status?: string;
  plan?: PlanId;
  /** An email (contains @) or a user id. */
  user?: string;
  /** Part of the name or domain. */
  q?: string;
  /** YYYY-MM-DD, local days, both inclusive. */
  from?: string;
  to?: string;
  sort?: InstanceSort;
  dir?: SortDirection;
}

export type AdminInstancesInput = RouterInputs['admin']['instances']['list'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const text = (value: unknown, max: number): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
};

const oneOf = <V extends string>(values: readonly V[], value: unknown): V | undefined =>
  typeof value === 'string' && (values as readonly string[]).includes(value)
    ? (value as V)
    : undefined;

const day = (value: unknown): string | undefined =>
  typeof value === 'string' && DAY.test(value) && !Number.isNaN(localDay(value).getTime())
    ? value
    : undefined;

/** Midnight of a YYYY-MM-DD day in the browser's time zone. */
export function localDay(value: string): Date {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y ?? 0, (m ?? 1) - 1, d ?? 1);
}

/** The statuses of a `status` parameter, valid ones only, each once. */
export function parseStatuses(value: string | undefined): InstanceStatus[] {
  if (!value) return [];
  const wanted = new Set(value.split(','));
  return INSTANCE_STATUSES.filter((s) => wanted.has(s));
}

/** `validateSearch` for the route: the URL's search object → clean filters (unset keys absent). */
export function parseInstanceFilters(search: Record<string, unknown>): InstanceFilters {
  const statuses = parseStatuses(typeof search.status === 'string' ? search.status : undefined);
  const filters: InstanceFilters = {
    status: statuses.length ? statuses.join(',') : undefined,
    plan: oneOf(PLAN_IDS, search.plan),
    user: text(search.user, 320),
    q: text(search.q, 200),
    from: day(search.from),
    to: day(search.to),
    sort: oneOf(INSTANCE_SORTS, search.sort),
    dir: oneOf(['asc', 'desc'] as const, search.dir),
  };
  return compact(filters);
}

/** Drops undefined and default values so the URL only shows what the admin chose. */
export function compact(filters: InstanceFilters): InstanceFilters {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === '') continue;
    if (key === 'sort' && value === 'createdAt') continue;
    if (key === 'dir' && value === 'desc') continue;
    out[key] = value as string;
  }
  return out as InstanceFilters;
}

/** The admin.instances.list input for the filters (without a cursor). */
export function toListInput(filters: InstanceFilters, limit: number): AdminInstancesInput {
  const statuses = parseStatuses(filters.status);
  const user = filters.user;
  const input: NonNullable<AdminInstancesInput> = {
    limit,
    sort: filters.sort ?? 'createdAt',
    direction: filters.dir ?? 'desc',
  };
  if (statuses.length) input.statuses = statuses;
  if (filters.plan) input.plan = filters.plan;
  if (user) {
    if (user.includes('@')) input.userEmail = user;
    else input.userId = user;
  }
  if (filters.q) input.search = filters.q;
  if (filters.from) input.createdFrom = localDay(filters.from);
  if (filters.to) {
    // "to" is inclusive for the admin; the API's createdTo is exclusive: the next midnight.
    const end = localDay(filters.to);
    end.setDate(end.getDate() + 1);
    input.createdTo = end;
  }
  return input;
}

/** A problem to show next to the date inputs instead of sending a range the API refuses. */
export function rangeProblem(filters: InstanceFilters): 'rangeInverted' | null {
  return filters.from && filters.to && filters.from > filters.to ? 'rangeInverted' : null;
}

/** Clicking a column header: the same column flips direction, a new one starts descending. */
export function nextSort(filters: InstanceFilters, column: InstanceSort): InstanceFilters {
  const current = filters.sort ?? 'createdAt';
  const dir = filters.dir ?? 'desc';
  return compact({
    ...filters,
    sort: column,
    dir: current === column && dir === 'desc' ? 'asc' : 'desc',
  });
}
