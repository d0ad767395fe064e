import {
  INSTANCE_STATUSES,
  INFLIGHT_DEPLOYMENT_STATUSES,
  type InstanceStatus,
} from '@roundhouse/core';
import { type RawBuilder, sql } from 'kysely';
import type { DbOrTrx } from '../client';

/**
 * Fleet statistics for the admin dashboard, computed by Postgres aggregates: instance totals
 * by status, and for the deployments queued in the last `days` UTC days (today included):
 * success and error rates, error rate per error class, deploy time (queued → finished of
 * SUCCEEDED deployments: average, p50, p95 with percentile_cont) and phase durations, and a
 * per-day series. Two scans of the window run side by side: counts grouped by day and error
 * class, and the durations of the SUCCEEDED deployments (one sort serves both percentiles).
 * The window, not the table's history, bounds the cost.
 */

/** A deployment that ended without running: what the error rate counts. */
const FAILED = ['FAILED', 'CRASHED', 'TIMED_OUT'] as const;

/** Failed deployments with no error class recorded. */
export const UNCLASSIFIED = 'UNCLASSIFIED';

export interface FleetStats {
  window: { days: number; from: Date; to: Date };
  instances: { total: number; byStatus: Record<InstanceStatus, number> };
  deployments: {
    started: number;
    succeeded: number;
    failed: number;
    canceled: number;
    inFlight: number;
    /** succeeded / (succeeded + failed); null when none finished. */
    successRate: number | null;
    /** failed / (succeeded + failed); null when none finished. */
    errorRate: number | null;
    /** Per error class (UNCLASSIFIED when none was recorded): count and share of finished. */
    errorsByClass: Record<string, { count: number; rate: number }>;
  };
  /** Queued → finished of SUCCEEDED deployments; null when there were none. */
  deployTimeMs: { avg: number | null; p50: number | null; p95: number | null };
  /** Average phase durations of SUCCEEDED deployments (a skipped phase doesn't count). */
  phaseMs: {
    queued: number | null;
    building: number | null;
    deploying: number | null;
    healthCheck: number | null;
  };
  /** One entry per UTC day of the window, oldest first, zeros included. */
  daily: { day: string; started: number; succeeded: number; failed: number }[];
}

/** Deployments of one UTC day and (for failed ones) error class. */
interface GroupRow {
  day: string;
  error_class: string | null;
  started: number;
  succeeded: number;
  failed: number;
  canceled: number;
  in_flight: number;
}

/** Seconds, over the SUCCEEDED deployments of the window. */
interface DurationRow {
  avg_s: number | null;
  p50_s: number | null;
  p95_s: number | null;
  queued_s: number | null;
  building_s: number | null;
  deploying_s: number | null;
  health_check_s: number | null;
}

type Counts = Pick<GroupRow, 'started' | 'succeeded' | 'failed' | 'canceled' | 'in_flight'>;

export async function fleetStats(db: DbOrTrx, input: { days: number }): Promise<FleetStats> {
  const window = await sql<{ from: Date; to: Date; first_day: string }>`
    select ((now() at time zone 'UTC')::date - ${input.days - 1}::int)::timestamp
             at time zone 'UTC' as "from",
           now() as "to",
           to_char((now() at time zone 'UTC')::date - ${input.days - 1}::int, 'YYYY-MM-DD')
             as first_day
  `.execute(db);
  const { from, to, first_day: firstDay } = window.rows[0]!;
  const [byStatus, groups, durations] = await Promise.all([
    db
      .selectFrom('instances')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('status')
      .execute(),
    deploymentCounts(db, from),
    deployDurations(db, from),
  ]);

  const total = sum(groups);
  const finished = total.succeeded + total.failed;
  const rate = (count: number) => (finished === 0 ? null : count / finished);
  const ms = (seconds: number | null | undefined) =>
    seconds === null || seconds === undefined ? null : Math.round(seconds * 1000);
  const statusCounts = Object.fromEntries(INSTANCE_STATUSES.map((status) => [status, 0]));
  for (const row of byStatus) statusCounts[row.status] = row.count;
  const failedByClass = new Map<string, number>();
  for (const row of groups) {
    if (row.error_class === null) continue;
    failedByClass.set(row.error_class, (failedByClass.get(row.error_class) ?? 0) + row.failed);
  }

  return {
    window: { days: input.days, from, to },
    instances: {
      total: byStatus.reduce((count, row) => count + row.count, 0),
      byStatus: statusCounts as Record<InstanceStatus, number>,
    },
    deployments: {
      started: total.started,
      succeeded: total.succeeded,
      failed: total.failed,
      canceled: total.canceled,
      inFlight: total.in_flight,
      successRate: rate(total.succeeded),
      errorRate: rate(total.failed),
      errorsByClass: Object.fromEntries(
        [...failedByClass].map(([errorClass, count]) => [
          errorClass,
          { count, rate: rate(count) ?? 0 },
        ]),
      ),
    },
    deployTimeMs: {
      avg: ms(durations?.avg_s),
      p50: ms(durations?.p50_s),
      p95: ms(durations?.p95_s),
    },
    phaseMs: {
      queued: ms(durations?.queued_s),
      building: ms(durations?.building_s),
      deploying: ms(durations?.deploying_s),
      healthCheck: ms(durations?.health_check_s),
    },
    daily: dailySeries(firstDay, input.days, groups),
  };
}

/**
 * Counts per UTC day and error class of failed deployments (null for the others): at most
 * days × (classes + 1) small rows, which the caller folds into totals, the per-day series and
 * the per-class counts.
 */
async function deploymentCounts(db: DbOrTrx, from: Date): Promise<GroupRow[]> {
  const failed = sql.join(FAILED.map((status) => sql.lit(status)));
  const inFlight = sql.join(INFLIGHT_DEPLOYMENT_STATUSES.map((status) => sql.lit(status)));
  const { rows } = await sql<GroupRow>`
    select to_char(day, 'YYYY-MM-DD') as day, error_class, started, succeeded, failed,
           canceled, in_flight
    from (
      select (queued_at at time zone 'UTC')::date as day,
             case when status in (${failed}) then coalesce(error_class, ${UNCLASSIFIED}) end
               as error_class,
             count(*)::int as started,
             (count(*) filter (where status = 'SUCCEEDED'))::int as succeeded,
             (count(*) filter (where status in (${failed})))::int as failed,
             (count(*) filter (where status = 'CANCELED'))::int as canceled,
             (count(*) filter (where status in (${inFlight})))::int as in_flight
      from deployments
      where queued_at >= ${from}
      group by 1, 2
    ) groups
  `.execute(db);
  return rows;
}

/**
 * Deploy time (queued → finished: average, and p50/p95 from one sort) and the average of each
 * phase, over the SUCCEEDED deployments of the window. A skipped phase (no build for an image
 * source) has a null timestamp and so doesn't count in that phase's average.
 */
async function deployDurations(db: DbOrTrx, from: Date): Promise<DurationRow | undefined> {
  const seconds = (value: RawBuilder<unknown>) => sql`extract(epoch from ${value})::float8`;
  const phase = (start: string, end: string) =>
    seconds(sql`avg(${sql.ref(end)} - ${sql.ref(start)})`);
  const { rows } = await sql<DurationRow>`
    select ${seconds(sql`avg_interval`)} as avg_s,
           ${seconds(sql`p[1]`)} as p50_s,
           ${seconds(sql`p[2]`)} as p95_s,
           queued_s, building_s, deploying_s, health_check_s
    from (
      select avg(finished_at - queued_at) as avg_interval,
             percentile_cont(array[0.5, 0.95]::float8[])
               within group (order by finished_at - queued_at) as p,
             ${phase('queued_at', 'building_at')} as queued_s,
             ${phase('building_at', 'deploying_at')} as building_s,
             ${phase('deploying_at', 'health_check_at')} as deploying_s,
             ${phase('health_check_at', 'finished_at')} as health_check_s
      from deployments
      where queued_at >= ${from} and status = 'SUCCEEDED' and finished_at is not null
    ) durations
  `.execute(db);
  return rows[0];
}

function sum(rows: GroupRow[]): Counts {
  const total: Counts = { started: 0, succeeded: 0, failed: 0, canceled: 0, in_flight: 0 };
  for (const row of rows) {
    for (const key of Object.keys(total) as (keyof Counts)[]) total[key] += row[key];
  }
  return total;
}

function dailySeries(firstDay: string, days: number, rows: GroupRow[]): FleetStats['daily'] {
  const byDay = new Map<string, GroupRow[]>();
  for (const row of rows) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  const start = Date.parse(`${firstDay}T00:00:00Z`);
  return Array.from({ length: days }, (_, index) => {
    const day = new Date(start + index * 86_400_000).toISOString().slice(0, 10);
    const { started, succeeded, failed } = sum(byDay.get(day) ?? []);
    return { day, started, succeeded, failed };
  });
}
