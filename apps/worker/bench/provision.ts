/**
 * bench:provision (DESIGN §8): the clone saga's Railway round trips, its latency from enqueue to
 * "deploy triggered", and how much of Railway's per-second budget a deep queue of clones uses.
 *
 * How it measures (real time; nothing simulated but Railway):
 * - The Railway simulator on loopback with BENCH_RTT_MS added to every GraphQL answer and a
 *   per-second budget of BENCH_RATE_PER_SECOND (Hobby: 10/s); the hourly budget is lifted so a
 *   few minutes of cloning measure the per-second limit, not the hourly one. The worker's client
 *   meters itself with the same budget, as in production.
 * - The real graphile-worker runner (the test harness: startRunner with every task) on a fresh
 *   database, BENCH_CONCURRENCY jobs at once; jobs are added with `enqueue` as the payment flow
 *   does. One warm-up clone fills the template cache first (its numbers are reported apart).
 * - Shallow queue: BENCH_SHALLOW_CLONES single-service clones, one at a time, far enough apart
 *   (1 s at 10/s) that earlier clones' requests have left the per-second window. For each, the
 *   simulator's request log from the enqueue on gives the Railway requests, the longest chain of
 *   requests that ran one after another (sequential round trips), and the moment serviceCreate
 *   (which carries source and variables, so it starts the deployment) was answered: "deploy
 *   triggered".
 * - Deep queue: BENCH_DEEP_CLONES clones enqueued in one transaction. Utilization = Railway
 *   requests per second / the budget, from the first request until 90 % of the clones have
 *   handed over to monitoring (past that the queue is no longer deep). Every clone must end with
 *   its CLONE deployment recorded; 429s and failed runs are counted.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { jobKeys } from '@roundhouse/core';
import { enqueue, createScratchDatabase, type ScratchDatabase } from '@roundhouse/db';
import { createRailwayClient, RateLimiter } from '@roundhouse/railway-sdk';
import { createSimulator, type Simulator } from '@roundhouse/railway-sdk/simulator';
import { sql } from 'kysely';
import { startWorkerHarness, type WorkerHarness } from '../test/support/worker-harness';
import { benchEnv } from './env';
import { seedInstances } from './fixtures';
import { progress, publishResult, quantile, round } from './result';
import { deployTriggeredAt, sequentialRoundTrips } from './round-trips';

const log = progress('provision');
/**
 * Shallow clones start this far apart: room for two clones' 5 requests in the per-second window
 * (1 s at 10/s). Closer, a clone would wait for the limiter and the bench would measure the
 * budget instead of the saga.
 */
const shallowGapMs = (perSecond: number) => Math.ceil((2 * 5 * 1000) / perSecond);
const DEEP_WINDOW_DONE = 0.9;

interface CloneSample {
  requests: number;
  roundTrips: number;
  deployTriggeredMs: number;
}

async function main(): Promise<void> {
  const env = benchEnv;
  const budget = { perSecond: env.ratePerSecond, perHour: 10_000_000 };
  const database = await createScratchDatabase({
    serverUrl: env.databaseUrl,
    poolSize: env.concurrency + 10,
    applicationName: 'bench-worker',
  });
  const sim = await createSimulator({ latencyMs: env.rttMs, rateLimit: budget });
  const railway = createRailwayClient({
    token: sim.token,
    endpoint: sim.url,
    publicUrlTemplate: sim.publicUrlTemplate,
    // Its own limiter: the harness also builds a (discarded) client on this token with Pro's.
    rateLimiter: new RateLimiter(budget),
  });
  const harness = await startWorkerHarness({
    db: database,
    sim,
    overrides: { railway },
    concurrency: env.concurrency,
  });
  try {
    const template = sim.templates!.single.projectId;
    log(`RTT ${env.rttMs} ms, ${budget.perSecond} requests/s, concurrency ${env.concurrency}`);
    const gapMs = shallowGapMs(budget.perSecond);
    const [warmup] = await shallowClones(harness, sim, database, template, 1, gapMs);
    const shallow = await shallowClones(harness, sim, database, template, env.shallowClones, gapMs);
    log(`shallow: ${shallow.length} clones done; deep: enqueueing ${env.deepClones}`);
    const deep = await deepQueue(
      harness,
      sim,
      database,
      template,
      env.deepClones,
      budget.perSecond,
    );
    const latencies = shallow.map((clone) => clone.deployTriggeredMs);
    const result = {
      bench: 'provision',
      method: 'real time; Railway simulator with injected latency; graphile-worker runner',
      clones: shallow.length + deep.clones,
      rttMs: env.rttMs,
      railwayRequestsPerClone: round(mean(shallow.map((clone) => clone.requests))),
      sequentialRoundTripsPerClone: Math.max(...shallow.map((clone) => clone.roundTrips)),
      p50EnqueueToDeployTriggeredMs: round(quantile(latencies, 0.5), 1),
      p99EnqueueToDeployTriggeredMs: round(quantile(latencies, 0.99), 1),
      rateLimitUtilization: round(deep.utilization, 3),
      shallowClones: shallow.length,
      shallowGapMs: gapMs,
      deepClones: deep.clones,
      concurrency: env.concurrency,
      rateLimitPerSecond: budget.perSecond,
      warmupClone: warmup,
      deepRailwayRequestsPerClone: round(deep.requests / deep.clones),
      deepRequestsPerSecond: round(deep.requestsPerSecond),
      deepWindowS: round(deep.windowMs / 1000),
      deepDurationS: round(deep.durationMs / 1000),
      deepHandedOver: deep.handedOver,
      deepFailedClones: deep.failed,
      deepRetriedRuns: deep.retries,
      rateLimited429s: deep.rateLimited,
      targets: {
        sequentialRoundTrips: 3,
        p50EnqueueToDeployTriggeredMs: 3 * env.rttMs + 50,
        rateLimitUtilization: 0.9,
      },
    };
    await publishResult('provision', result);
  } finally {
    await harness.stop();
    await sim.close();
    await database.stop();
  }
}

/** Clones run one at a time; what each cost, from the simulator's request log. */
async function shallowClones(
  harness: WorkerHarness,
  sim: Simulator,
  database: ScratchDatabase,
  templateProjectId: string,
  count: number,
  gapMs: number,
): Promise<CloneSample[]> {
  const ids = await seedInstances(database.db, {
    count,
    templateProjectId,
    keyring: harness.deps.keyring,
  });
  const samples: CloneSample[] = [];
  for (const instanceId of ids) {
    await sleep(gapMs);
    const enqueuedAt = Date.now();
    const run = await harness.runJob(
      'clone_instance',
      { instanceId },
      { jobKey: jobKeys.clone(instanceId) },
    );
    if (run.status !== 'succeeded' || run.attempts !== 1) {
      throw new Error(`clone ${instanceId} ${run.status} after ${run.attempts} run(s)`);
    }
    const requests = sim.requestLog.filter((entry) => entry.at >= enqueuedAt);
    const triggered = deployTriggeredAt(requests);
    if (triggered === undefined) throw new Error(`clone ${instanceId}: no serviceCreate seen`);
    samples.push({
      requests: requests.length,
      roundTrips: sequentialRoundTrips(requests),
      deployTriggeredMs: triggered - enqueuedAt,
    });
  }
  return samples;
}

/** Clones enqueued at once; Railway's request rate while the queue is deep. */
async function deepQueue(
  harness: WorkerHarness,
  sim: Simulator,
  database: ScratchDatabase,
  templateProjectId: string,
  count: number,
  perSecond: number,
) {
  const { db } = database;
  const ids = await seedInstances(db, { count, templateProjectId, keyring: harness.deps.keyring });
  const before = sim.counters.snapshot();
  const counts: { at: number; requests: number }[] = [];
  const sampler = setInterval(
    () => counts.push({ at: performance.now(), requests: sim.counters.requests }),
    20,
  );
  const started = performance.now();
  const jobIds = await db
    .transaction()
    .execute(async (trx) =>
      Promise.all(
        ids.map((instanceId) =>
          enqueue(trx, 'clone_instance', { instanceId }, { jobKey: jobKeys.clone(instanceId) }),
        ),
      ),
    );
  const doneAt: number[] = [];
  const runs = await Promise.all(
    jobIds.map((jobId) =>
      harness.waitForJob(jobId, 3_600_000).then((run) => {
        doneAt.push(performance.now());
        return run;
      }),
    ),
  );
  const finished = performance.now();
  clearInterval(sampler);
  const after = sim.counters.snapshot();

  const firstRequest = counts.find((sample) => sample.requests > before.requests);
  const windowEnd = doneAt.sort((a, b) => a - b)[Math.ceil(count * DEEP_WINDOW_DONE) - 1]!;
  const atWindowEnd = counts.findLast((sample) => sample.at <= windowEnd);
  if (!firstRequest || !atWindowEnd) throw new Error('deep queue: no Railway request sampled');
  const windowMs = atWindowEnd.at - firstRequest.at;
  const requestsPerSecond = ((atWindowEnd.requests - firstRequest.requests) / windowMs) * 1000;
  const { rows } = await sql<{ count: string }>`
    select count(*)::text as count from deployments
    where kind = 'CLONE' and railway_deployment_id is not null and instance_id = any(${ids}::uuid[])
  `.execute(db);
  return {
    clones: count,
    requests: after.requests - before.requests,
    rateLimited: after.rateLimited - before.rateLimited,
    failed: runs.filter((run) => run.status === 'failed').length,
    retries: runs.reduce((sum, run) => sum + run.attempts - 1, 0),
    handedOver: Number(rows[0]?.count ?? 0),
    windowMs,
    durationMs: finished - started,
    requestsPerSecond,
    utilization: requestsPerSecond / perSecond,
  };
}

const mean = (values: readonly number[]) =>
  values.reduce((sum, value) => sum + value, 0) / values.length;

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
