/**
 * test:chaos (DESIGN §8): 200 clones through the real worker process while Railway misbehaves
 * and the worker is killed, judged by what Railway and the database hold at the end.
 *
 * How it runs (real time):
 * - A fresh migrated database (embedded Postgres, or a new database on DATABASE_URL's server).
 * - The Railway simulator in this process (Pro rate limit, BENCH_RTT_MS latency) with faults on
 *   every GraphQL request: 10 % 5xx, 5 % 429, 5 % timeouts held past the worker's 30 s client
 *   timeout (applied on Railway, answer never arrives), 3 % applied-but-response-lost.
 * - The worker's own entry point (src/main.ts) as a child process; SIGKILLed and restarted when
 *   20 %, 45 % and 70 % of the clones have handed over to monitoring (sagas are in flight then;
 *   the clone jobs it held are counted as `interruptedCloneJobs`).
 * - Customers with PENDING subscriptions and sealed credentials are paid for through
 *   provisionSubscription (instance + clone_instance job in one transaction, as a payment does).
 * - Once every instance is RUNNING (or the deadline passed) the worker is stopped with SIGTERM
 *   and the audit (chaos-audit.ts) compares the simulator's projects and services with the
 *   instances and looks for jobs left locked or undone. Exit code 1 when an invariant fails.
 *
 * Usage: tsx bench/chaos.ts [--clones N] [--deadline-s S]
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { generateKey, parseKeyring } from '@roundhouse/crypto';
import { createScratchDatabase, type Db } from '@roundhouse/db';
import { createSimulator, type Simulator } from '@roundhouse/railway-sdk/simulator';
import { auditChaos, lockedCloneJobs, oneOffJobsQueued } from './chaos-audit';
import { provisionAll, seedCustomers } from './chaos-seed';
import { startChaosWorker } from './chaos-worker';
import { benchEnv } from './env';
import { progress, publishResult } from './result';

const log = progress('chaos');

/** The worker's Railway client gives up on an answer after 30 s (client default). */
const CLIENT_TIMEOUT_MS = 30_000;
/** Fractions of all GraphQL requests (DESIGN §8). */
const FAULT_RATES = [
  { kind: '5xx', rate: 0.1 },
  { kind: '429', rate: 0.05 },
  { kind: 'timeout', rate: 0.05, holdMs: CLIENT_TIMEOUT_MS + 5_000 },
  { kind: 'applied-response-lost', rate: 0.03 },
] as const;
/** Kill the worker once this share of the clones has been handed over to monitoring. */
const KILL_AT = [0.2, 0.45, 0.7];
/** A restarted worker gets this long to take jobs before it may be killed again. */
const MIN_LIFE_MS = 3_000;
const POLL_MS = 250;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { clones: { type: 'string', default: '200' }, 'deadline-s': { type: 'string' } },
  });
  const clones = Number(values.clones);
  const deadlineMs = Number(values['deadline-s'] ?? 240) * 1000;
  if (!Number.isInteger(clones) || clones < 10 || !(deadlineMs > 0)) {
    throw new Error('--clones must be an integer >= 10 and --deadline-s a positive number');
  }
  const database = await createScratchDatabase({
    serverUrl: benchEnv.databaseUrl,
    poolSize: 5,
    applicationName: 'bench-worker',
  });
  const sim = await createSimulator({ latencyMs: benchEnv.rttMs, seed: 4 });
  const workDir = await mkdtemp(path.join(tmpdir(), 'roundhouse-chaos-'));
  try {
    const result = await run(database.db, database.url, sim, { clones, deadlineMs, workDir });
    await publishResult('chaos', result);
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    await sim.close();
    await database.stop();
  }
}

async function run(
  db: Db,
  databaseUrl: string,
  sim: Simulator,
  options: { clones: number; deadlineMs: number; workDir: string },
) {
  const keys = `k1:${generateKey()}`;
  const templateProjectId = sim.templates!.single.projectId;
  const subscriptions = await seedCustomers(db, parseKeyring({ keys }), options.clones);
  injectFaults(sim);
  log(`worker logs in ${options.workDir}`);
  let workerStart = new Date();
  const worker = startChaosWorker(
    {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      RAILWAY_API_TOKEN: sim.token,
      RAILWAY_API_URL: sim.url,
      RAILWAY_WORKSPACE_ID: sim.workspaceId,
      RAILWAY_TEMPLATE_PROJECT_ID: templateProjectId,
      RAILWAY_PUBLIC_URL_TEMPLATE: sim.publicUrlTemplate,
      RAILWAY_RATE_LIMIT: 'pro',
      ENCRYPTION_KEYS: keys,
      MONITOR_CHECK_INTERVAL: '1000',
      MONITOR_HEALTH_TIMEOUT: '2000',
      WORKER_CONCURRENCY: '32',
      WORKER_PORT: '0',
      SHUTDOWN_TIMEOUT: '10000',
      LOG_LEVEL: 'info',
    },
    options.workDir,
  );
  const startedAt = performance.now();
  const instanceIds = await provisionAll(db, subscriptions, templateProjectId);
  log(`${instanceIds.length} clones enqueued; faults: ${JSON.stringify(FAULT_RATES)}`);

  const kills = [...KILL_AT];
  let interruptedCloneJobs = 0;
  let restartedAt = startedAt;
  let progressAt = 0;
  for (;;) {
    const { handedOver, running } = await cloneProgress(db, instanceIds);
    const elapsedMs = performance.now() - startedAt;
    const killAt = kills[0];
    const due = killAt !== undefined && handedOver >= killAt * options.clones;
    if (due && performance.now() - restartedAt >= MIN_LIFE_MS) {
      kills.shift();
      const inFlight = await lockedCloneJobs(db, workerStart);
      await worker.killAndRestart();
      restartedAt = performance.now();
      workerStart = new Date();
      interruptedCloneJobs += inFlight;
      log(
        `SIGKILL with ${inFlight} clone jobs running, ${handedOver} handed over, ` +
          `${running} running; worker #${worker.generation} started`,
      );
    }
    if (elapsedMs - progressAt > 10_000) {
      progressAt = elapsedMs;
      log(`${Math.round(elapsedMs / 1000)} s: ${handedOver} handed over, ${running} running`);
    }
    if (worker.crashed) {
      log(worker.crashed);
      break;
    }
    if ((running === options.clones && kills.length === 0) || elapsedMs > options.deadlineMs) {
      break;
    }
    await sleep(POLL_MS);
  }
  const settleMs = await untilQueueSettles(db, 30_000);
  const exitCode = await worker.stop();
  const elapsedS = Math.round((performance.now() - startedAt) / 100) / 10;
  const audit = await auditChaos(db, sim, instanceIds);
  const counters = sim.counters.snapshot();
  const ok =
    audit.running === options.clones &&
    audit.railwayProjects === options.clones &&
    audit.duplicates === 0 &&
    audit.orphans === 0 &&
    audit.stuck === 0 &&
    kills.length === 0 &&
    worker.crashed === undefined;
  return {
    clones: options.clones,
    ...audit,
    ok,
    workerKills: KILL_AT.length - kills.length,
    interruptedCloneJobs,
    workerExitCode: exitCode,
    ...(worker.crashed && { workerCrashed: worker.crashed }),
    elapsedS,
    queueSettleMs: settleMs,
    railwayRequests: counters.requests,
    railwayRateLimited: counters.rateLimited,
    faultsFired: counters.faultsByKind,
    faultRates: Object.fromEntries(FAULT_RATES.map((f) => [f.kind, f.rate])),
  };
}

/**
 * The simulator lets the oldest matching fault win and rolls each independently, so each rate
 * is conditioned on the earlier ones not firing: together they hit the stated share of requests.
 */
function injectFaults(sim: Simulator): void {
  let untouched = 1;
  for (const fault of FAULT_RATES) {
    sim.faults.inject({ ...fault, rate: fault.rate / untouched });
    untouched -= fault.rate;
  }
}

async function cloneProgress(db: Db, instanceIds: readonly string[]) {
  const row = await db
    .selectFrom('instances')
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere('status', '<>', 'PROVISIONING').as('handed_over'),
      eb.fn.countAll<string>().filterWhere('status', '=', 'RUNNING').as('running'),
    ])
    .where('id', 'in', instanceIds)
    .executeTakeFirstOrThrow();
  return { handedOver: Number(row.handed_over), running: Number(row.running) };
}

/** Lets jobs the last transitions enqueued (notifications) finish before the worker stops. */
async function untilQueueSettles(db: Db, maxMs: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < maxMs && (await oneOffJobsQueued(db)) > 0) {
    await sleep(POLL_MS);
  }
  return Math.round(performance.now() - start);
}

await main();
