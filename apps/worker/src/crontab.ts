import { type JobName } from '@roundhouse/core';
import { enqueue } from '@roundhouse/db';
import { type CronItem, parseCronItems, type ParsedCronItem } from 'graphile-worker';
import type { WorkerDeps } from './deps';

/**
 * Per-minute schedules run on graphile-worker's cron: it makes one job per tick across all
 * worker processes (known_crontabs), and the job key keeps a slow run from piling up copies.
 */
const SCHEDULES: ReadonlyArray<{ task: JobName; match: string; backfillMs?: number }> = [
  { task: 'check_instance_health', match: '* * * * *' },
  { task: 'reap_stale_deployments', match: '* * * * *' },
  { task: 'reconcile_orders', match: '* * * * *' },
  { task: 'reconcile_refunds', match: '* * * * *' },
  // Expiry and renewal must not be skipped because no worker ran at the full hour.
  { task: 'advance_subscriptions', match: '*/10 * * * *', backfillMs: 3_600_000 },
];

/**
 * Priority of the watching jobs (monitor tick, health checks, reaper). graphile-worker takes the
 * lowest number first, so when a deep queue of clone jobs holds every slot, the next free slot
 * goes to monitoring instead of the next clone (test:chaos saw 80-90 s without a monitor run).
 */
export const MONITORING_PRIORITY = -10;
const MONITORING_TASKS: ReadonlySet<JobName> = new Set([
  'monitor_deployments',
  'check_instance_health',
  'reap_stale_deployments',
]);

/**
 * The cron items for the tasks this worker runs. A schedule whose task is not in the list (e.g.
 * billing tasks deployed later) is left out: graphile would otherwise queue jobs nobody takes.
 */
export function workerCronItems(taskNames: ReadonlySet<string>): ParsedCronItem[] {
  const items: CronItem[] = SCHEDULES.filter(({ task }) => taskNames.has(task)).map(
    ({ task, match, backfillMs }) => ({
      task,
      match,
      identifier: task,
      options: {
        jobKey: `cron:${task}`,
        jobKeyMode: 'preserve_run_at',
        maxAttempts: 1,
        ...(MONITORING_TASKS.has(task) && { priority: MONITORING_PRIORITY }),
        ...(backfillMs !== undefined && { backfillPeriod: backfillMs }),
      },
    }),
  );
  return parseCronItems(items);
}

/** Job key and queue of the monitor tick: one pending and one running at most, never two at once. */
export const MONITOR_JOB = { jobKey: 'monitor', queueName: 'monitor' } as const;

/**
 * monitor_deployments runs every few seconds, below cron's one-minute resolution. Every worker
 * process ticks on a timer and enqueues it under one job key: N processes still give one pending
 * job, and the 'monitor' queue keeps two runs from overlapping. Chosen over a job that re-enqueues
 * itself because a timer cannot lose the chain: a self-rescheduling job that crashed or was
 * deleted would stop monitoring until someone noticed.
 */
export function startMonitorTicker(deps: WorkerDeps, intervalMs: number): () => void {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await enqueue(
        deps.db,
        'monitor_deployments',
        {},
        {
          ...MONITOR_JOB,
          jobKeyMode: 'preserve_run_at',
          maxAttempts: 1,
          priority: MONITORING_PRIORITY,
        },
      );
    } catch (error) {
      deps.logger.warn({ err: error }, 'could not enqueue monitor_deployments; next tick retries');
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
