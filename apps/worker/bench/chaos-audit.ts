import type { Db } from '@roundhouse/db';
import type { Simulator } from '@roundhouse/railway-sdk/simulator';
import { sql } from 'kysely';

/** Scheduled ticks (maxAttempts 1, re-run by the next tick): a failed one is not left behind. */
const PERIODIC_TASKS = [
  'monitor_deployments',
  'check_instance_health',
  'reap_stale_deployments',
  'reconcile_orders',
  'advance_subscriptions',
];

export interface ChaosAudit {
  running: number;
  railwayProjects: number;
  duplicates: number;
  orphans: number;
  stuck: number;
  /** What `stuck` is made of. */
  stuckDetail: {
    instancesNotRunning: number;
    lockedJobs: number;
    lockedQueues: number;
    /** Jobs of one-off tasks still queued (failed permanently, or not done). */
    leftoverJobs: number;
  };
  /** Scheduled ticks whose last run failed (the next tick runs them again); informative. */
  failedPeriodicTicks: number;
  instancesByStatus: Record<string, number>;
}

/**
 * Judges the run by what Railway (the simulator) and the database hold, not by what the worker
 * says. Call it with the worker stopped, so a lock still held is one nobody will release.
 */
export async function auditChaos(
  db: Db,
  sim: Simulator,
  instanceIds: readonly string[],
): Promise<ChaosAudit> {
  const instances = await db
    .selectFrom('instances')
    .select(['id', 'name', 'status', 'railway_project_id'])
    .where('id', 'in', instanceIds)
    .execute();
  const names = new Set(instances.map((instance) => instance.name));
  const recorded = new Set(instances.map((instance) => instance.railway_project_id));
  const templates = new Set(
    Object.values(sim.templates ?? {}).map((template) => template.projectId),
  );
  const projects = sim.state.projects().filter((project) => !templates.has(project.id));
  const cloned = projects.filter((project) => names.has(project.name));

  const projectsPerName = countBy(cloned.map((project) => project.name));
  const servicesPerName = countBy(
    cloned.flatMap((project) =>
      sim.state.services(project.id).map((service) => `${project.id}/${service.name}`),
    ),
  );
  const clonedIds = new Set(cloned.map((project) => project.id));
  const domainsPerService = countBy(
    sim.state
      .domains()
      .filter((domain) => clonedIds.has(domain.projectId))
      .map((domain) => domain.serviceId),
  );
  const extra = (counts: Map<string, number>) =>
    [...counts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);

  const instancesByStatus = Object.fromEntries(
    countBy(instances.map((instance) => instance.status)),
  );
  const running = instancesByStatus.RUNNING ?? 0;
  const jobs = await jobCounts(db);
  const stuckDetail = {
    instancesNotRunning: instanceIds.length - running,
    lockedJobs: jobs.locked,
    lockedQueues: jobs.lockedQueues,
    leftoverJobs: jobs.leftover,
  };
  return {
    running,
    railwayProjects: cloned.length,
    duplicates: extra(projectsPerName) + extra(servicesPerName) + extra(domainsPerService),
    orphans: projects.filter((project) => !recorded.has(project.id)).length,
    stuck: Object.values(stuckDetail).reduce((sum, n) => sum + n, 0),
    stuckDetail,
    failedPeriodicTicks: jobs.failedPeriodic,
    instancesByStatus,
  };
}

async function jobCounts(db: Db) {
  const { rows } = await sql<{
    locked: number;
    leftover: number;
    failed_periodic: number;
    locked_queues: number;
  }>`
    select
      count(*) filter (where j.locked_at is not null)::int as locked,
      count(*) filter (where t.identifier <> all(${PERIODIC_TASKS}::text[]))::int as leftover,
      count(*) filter (where t.identifier = any(${PERIODIC_TASKS}::text[])
        and j.attempts >= j.max_attempts)::int as failed_periodic,
      (select count(*) from graphile_worker._private_job_queues
        where locked_at is not null)::int as locked_queues
    from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
  `.execute(db);
  const row = rows[0]!;
  return {
    locked: row.locked,
    leftover: row.leftover,
    failedPeriodic: row.failed_periodic,
    lockedQueues: row.locked_queues,
  };
}

/** Jobs of one-off tasks (not scheduled ticks) still in the queue, waiting, retrying or failed. */
export async function oneOffJobsQueued(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier <> all(${PERIODIC_TASKS}::text[])
  `.execute(db);
  return rows[0]!.n;
}

/**
 * clone_instance jobs locked since `since` (the current worker's start): what it is running now,
 * without the jobs of a killed predecessor that are not released yet.
 */
export async function lockedCloneJobs(db: Db, since: Date): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = 'clone_instance' and j.locked_at >= ${since}
  `.execute(db);
  return rows[0]!.n;
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
