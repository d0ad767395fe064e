/**
 * bench:monitor (DESIGN §8): what watching a fleet costs in Railway requests, how stale our view
 * of in-flight deployments gets, and how often every running instance is health-checked.
 *
 * How it measures (SIMULATED clock; requests per hour are extrapolated from the window):
 * - The Railway simulator on a manual clock, BENCH_RTT_MS of injected latency per GraphQL answer
 *   and no rate limit (this bench counts requests; bench:provision measures the limit).
 * - Running fleet: BENCH_RUNNING_INSTANCES real simulator projects, each with a service whose
 *   deployment succeeded and a public domain (seeded through batched GraphQL), and the same
 *   number of RUNNING instances in a fresh database (INSERT … SELECT).
 * - In flight: BENCH_INFLIGHT instances cloned by the real clone saga; their deployments' phases
 *   are staggered (per-project simulator outcomes) so that status changes (INITIALIZING → QUEUED
 *   → BUILDING → DEPLOYING) are spread over the window and all stay in flight through it.
 * - Then the counters are reset and the clock walks BENCH_MINUTES in 1-s steps. After each step
 *   the simulator's status of every in-flight deployment is read (in process, no request). Every
 *   MONITOR_CHECK_INTERVAL (BENCH_MONITOR_INTERVAL_MS, 5 s) monitor_deployments runs, then our
 *   stored status is compared: staleness = simulated time from Railway's change to our database
 *   showing it (the change is dated at the start of the 1-s step it appeared in, so it errs
 *   high by < 1 s). On each cron minute (from 0) check_instance_health and reap_stale_deployments
 *   run, as the crontab schedules them; the health interval of an instance is the gap between
 *   consecutive `last_health_at` values. Tasks run in this process through the same code as
 *   under graphile-worker (directContext), one after another, as the cron and monitor queues
 *   would. Real durations of the health runs are reported: the one-minute cadence only holds if
 *   a run finishes within the minute in real time.
 * - Railway requests: sim.counters over the window, per hour = count × 60 / BENCH_MINUTES.
 */
import { performance } from 'node:perf_hooks';
import { mapRailwayDeploymentStatus } from '@roundhouse/core';
import { type Deployment, createScratchDatabase } from '@roundhouse/db';
import { instanceProjectName } from '@roundhouse/db/repositories/provisioning';
import { createSimulator, type Simulator } from '@roundhouse/railway-sdk/simulator';
import type { WorkerDeps } from '../src/deps';
import { mapBounded } from '../src/health/bounded';
import { directContext } from '../src/saga/direct-run';
import { checkInstanceHealthTask } from '../src/tasks/check-instance-health.task';
import { cloneInstanceTask } from '../src/tasks/clone-instance.task';
import { monitorDeploymentsTask } from '../src/tasks/monitor-deployments.task';
import { reapStaleDeploymentsTask } from '../src/tasks/reap-stale-deployments.task';
import { createTestDeps } from '../test/support/worker-harness';
import { benchEnv } from './env';
import { seedInstances } from './fixtures';
import { HealthIntervals, StalenessTracker } from './monitor-observers';
import { progress, publishResult, round } from './result';
import { seedRunningFleet } from './sim-fleet';

const log = progress('monitor');
const STEP_MS = 1_000;
const CRON_MS = 60_000;

async function main(): Promise<void> {
  const env = benchEnv;
  const database = await createScratchDatabase({
    serverUrl: env.databaseUrl,
    poolSize: 20,
    applicationName: 'bench-worker',
  });
  const sim = await createSimulator({ clock: 'manual', latencyMs: env.rttMs, rateLimit: false });
  const deps = createTestDeps({
    db: database.db,
    sim,
    overrides: {
      // The worker's production defaults (env.ts), not the tests' short ones.
      config: {
        monitor: {
          checkIntervalMs: env.monitorIntervalMs,
          alertThreshold: 3,
          deploymentTimeoutMs: 1_800_000,
          healthTimeoutMs: 5_000,
        },
      },
    },
  });
  try {
    log(`seeding ${env.runningInstances} running instances in the simulator and the database`);
    const template = sim.templates!.single.projectId;
    const placements = await seedRunningFleet(sim, env.runningInstances, 'bench-running-');
    await seedInstances(deps.db, {
      count: placements.length,
      templateProjectId: template,
      placements,
    });
    log(`cloning ${env.inflight} in-flight instances through the clone saga`);
    const inflight = await cloneInFlight(deps, sim, env.inflight, template);

    sim.counters.reset();
    const result = await observe(deps, sim, inflight, env.minutes * 60_000);
    await publishResult('monitor', {
      bench: 'monitor',
      method: 'simulated clock (manual); requests per hour extrapolated from the window',
      instances: env.runningInstances,
      inflight: inflight.length,
      railwayRequestsPerHour: Math.round((result.requests * 3_600_000) / result.windowMs),
      maxInflightStalenessS: round(result.maxStalenessMs / 1000, 1),
      healthCheckIntervalS: round(result.maxHealthIntervalMs / 1000, 1),
      simulatedMinutes: env.minutes,
      rttMs: env.rttMs,
      monitorIntervalS: env.monitorIntervalMs / 1000,
      railwayRequests: result.requests,
      railwayRequestsByOperation: result.byOperation,
      statusChangesSeen: result.statusChanges,
      healthRuns: result.healthRuns,
      healthChecksPerRunMin: result.minChecksPerRun,
      healthRunRealMsMax: Math.round(result.maxHealthRunRealMs),
      healthRequests: result.domainRequests,
      realDurationS: round(result.realMs / 1000, 1),
      targets: {
        railwayRequestsPerHour: 1_000,
        maxInflightStalenessS: 10,
        healthCheckIntervalS: 60,
      },
    });
  } finally {
    await sim.close();
    await database.stop();
  }
}

/**
 * Clones `count` instances with the saga (as clone_instance would); their deployment phases are
 * staggered so status changes spread over the first ~8 minutes, and DEPLOYING lasts an hour.
 */
async function cloneInFlight(deps: WorkerDeps, sim: Simulator, count: number, template: string) {
  const ids = await seedInstances(deps.db, {
    count,
    templateProjectId: template,
    keyring: deps.keyring,
  });
  ids.forEach((id, i) =>
    sim.outcomes.set(
      { projectName: instanceProjectName(id) },
      {
        result: 'success',
        phaseMs: {
          initializing: 2_000 + (i % 20) * 2_500,
          queued: 30_000 + i * 1_500,
          building: 240_000,
          deploying: 3_600_000,
        },
      },
    ),
  );
  await mapBounded(ids, 10, (instanceId) =>
    cloneInstanceTask.run({ instanceId }, directContext(deps)),
  );
  const deployments = await deps.db
    .selectFrom('deployments')
    .selectAll()
    .where('instance_id', 'in', ids)
    .where('railway_deployment_id', 'is not', null)
    .execute();
  if (deployments.length !== count) {
    throw new Error(`only ${deployments.length} of ${count} clones handed over to monitoring`);
  }
  return deployments;
}

async function observe(
  deps: WorkerDeps,
  sim: Simulator,
  inflight: readonly Deployment[],
  windowMs: number,
) {
  const realStart = performance.now();
  const start = sim.clock.now();
  const staleness = new StalenessTracker(inflight);
  const health = new HealthIntervals();
  const healthRunsRealMs: number[] = [];
  const railwayStatuses = () => {
    const byId = new Map(sim.state.deployments().map((d) => [d.id, d.status] as const));
    return (id: string) => mapRailwayDeploymentStatus(byId.get(id) ?? 'REMOVED').status;
  };
  staleness.railwaySaw(railwayStatuses(), start);
  for (let elapsed = 0; elapsed <= windowMs; elapsed += STEP_MS) {
    if (elapsed > 0) {
      sim.clock.advance(STEP_MS);
      staleness.railwaySaw(railwayStatuses(), sim.clock.now() - STEP_MS);
    }
    if (elapsed % deps.config.monitor.checkIntervalMs === 0) {
      await monitorDeploymentsTask.run({}, directContext(deps));
      staleness.weSaw(await storedStatuses(deps, inflight), sim.clock.now());
    }
    if (elapsed % CRON_MS === 0) {
      const started = performance.now();
      await checkInstanceHealthTask.run({}, directContext(deps));
      healthRunsRealMs.push(performance.now() - started);
      await reapStaleDeploymentsTask.run({}, directContext(deps));
      await health.record(deps.db);
      log(`minute ${elapsed / CRON_MS}: ${sim.counters.requests} Railway requests so far`);
    }
  }
  const counters = sim.counters.snapshot();
  return {
    windowMs,
    requests: counters.requests,
    byOperation: counters.byOperation,
    domainRequests: counters.domainRequests,
    maxStalenessMs: staleness.max(sim.clock.now()),
    statusChanges: staleness.changes,
    maxHealthIntervalMs: health.maxIntervalMs(),
    minChecksPerRun: health.minCheckedPerRun(),
    healthRuns: healthRunsRealMs.length,
    maxHealthRunRealMs: Math.max(...healthRunsRealMs),
    realMs: performance.now() - realStart,
  };
}

async function storedStatuses(deps: WorkerDeps, inflight: readonly Deployment[]) {
  const rows = await deps.db
    .selectFrom('deployments')
    .select(['railway_deployment_id', 'status'])
    .where(
      'id',
      'in',
      inflight.map((d) => d.id),
    )
    .execute();
  return new Map(rows.map((row) => [row.railway_deployment_id as string, row.status]));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
