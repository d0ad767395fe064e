/**
 * bench:api (DESIGN §8): list and detail latency of the real API at 100,000 instances and
 * 1,000,000 deployments with 50 concurrent clients.
 *
 * How it measures (real time, nothing simulated):
 * 1. A database of its own: a throwaway embedded Postgres, or a new database on DATABASE_URL's
 *    server (dropped afterwards). Migrated like production.
 * 2. 45 customers and 5 admins (by default) sign up through better-auth in this process (real
 *    password hashing, real sessions, signed with the AUTH_SECRET the server is given); then the
 *    fleet is seeded with set-based SQL (seed.ts) so the customers own 10 instances each among
 *    the 100,000, and the planner statistics are refreshed.
 * 3. The real API (src/main.ts: Hono, better-auth, tRPC, superjson) runs as production runs it:
 *    a child process of its own (api-process.ts), NODE_ENV=production (secure cookies, rate
 *    limits), BENCH_API_WORKERS (2) node:cluster workers sharing a loopback port, each with its
 *    own pool of 10 connections; the bench waits until every worker listens.
 * 4. The 50 clients run in another child process (load-client.ts), so they don't share the
 *    server's event loops, as remote clients wouldn't (they do share the machine's cores). The
 *    cluster's primary hands each new connection to the next worker. Each sends the
 *    GET a tRPC httpLink sends (one request per call, no batching) with its session cookie, over
 *    its own kept-alive connection (node:http: cheaper for the shared cores than fetch).
 *    Customers alternate instances.list (first page of 20) and instances.detail (a random
 *    instance of theirs); admins alternate admin.instances.list (newest first, 50 per page,
 *    following the cursor up to 5 pages deep) and admin.instances.detail (any instance).
 *    Latency run (the DESIGN §8 reading, p50Ms/p99Ms/rps of the result): each client thinks
 *    after every answer, as a dashboard user does, for a time drawn from an exponential
 *    distribution of mean BENCH_THINK_MS (100 ms), and starts after one such pause (load.ts):
 *    independent users, so the 50 clients offer at most ~500 requests/s, arriving about as a
 *    Poisson stream, and the figures are the latency at that load.
 * 5. Saturation run (`saturation` in the result): the same clients in a closed loop with no think
 *    time, so 50 requests are always in flight; its rps is the throughput ceiling on this machine
 *    and its latencies are mostly queueing behind the other 49 clients, not a latency reading.
 * 6. After a warm-up, latencies are recorded for a fixed duration with performance.now() around
 *    each call: wall-clock time including HTTP, authentication, the database and
 *    (de)serialisation (not the think time). The machine's load average is recorded too, and
 *    each run's `cost` (cost.ts): CPU milliseconds per request of the server (primary and
 *    workers, from /proc), of Postgres's backends and of the clients, and database transactions
 *    per request, which other load on the machine moves far less than latency.
 * The last line printed is the result JSON, also written to <repo>/bench/results/api.json.
 * Knobs: bench/env.ts (BENCH_DURATION_S, BENCH_CONCURRENCY, BENCH_INSTANCES, ...).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { generateKey } from '@roundhouse/crypto';
import { pino } from 'pino';
import { createApiServices } from '../src/server';
import { type ApiProcess, startApiProcess } from './api-process';
import { startCost } from './cost';
import { benchConfig } from './env';
import { quantile } from './load';
import type { ClientSpec, LoadPlan, LoadReport } from './load-client';
import { loadAverage, publishResult, round2, runInChild } from './results';
import { seedFleet } from './seed';
import { createScratchDatabase, type Db } from '@roundhouse/db';

const APP_URL = 'https://dashboard.bench.test';
const ADMINS = 5;
const PASSWORD = 'bench password 0123456789';

const log = (message: string) => console.error(`[bench:api] ${message}`);

async function main(): Promise<void> {
  const config = benchConfig;
  const started = performance.now();
  // This process only seeds and counts: the API process has pools of its own.
  const {
    db,
    url: databaseUrl,
    stop,
  } = await createScratchDatabase({
    serverUrl: config.databaseUrl,
    poolSize: 4,
    applicationName: 'bench-api',
  });
  const secrets = { authSecret: generateKey(), encryptionKeys: `bench:${generateKey()}` };
  // better-auth over the bench database: its sessions are valid in the API process too.
  const services = createApiServices(
    {
      nodeEnv: 'production',
      appUrl: APP_URL,
      authSecret: secrets.authSecret,
      encryption: { keys: secrets.encryptionKeys },
      trustedOrigins: [],
    },
    db,
    pino({ level: 'silent' }),
  );
  let api: ApiProcess | undefined;
  try {
    log(`signing up ${config.concurrency} users`);
    const users = [];
    for (let i = 0; i < config.concurrency; i += 1) {
      const { headers, response } = await services.auth.api.signUpEmail({
        body: { email: `bench-client-${i}@example.test`, password: PASSWORD, name: `Client ${i}` },
        returnHeaders: true,
      });
      const cookie = headers
        .getSetCookie()
        .map((value) => value.split(';')[0])
        .join('; ');
      users.push({ id: response.user.id, cookie, admin: i < ADMINS });
    }
    await db
      .updateTable('user')
      .set({ role: 'admin' })
      .where(
        'id',
        'in',
        users.filter((user) => user.admin).map((user) => user.id),
      )
      .execute();

    log(`seeding ${config.instances} instances × ${config.deploymentsPerInstance} deployments`);
    const seedStarted = performance.now();
    await seedFleet(db, {
      instances: config.instances,
      perInstance: config.deploymentsPerInstance,
    });
    const seedMs = Math.round(performance.now() - seedStarted);
    const counts = await db
      .selectNoFrom((eb) => [
        eb.selectFrom('instances').select(eb.fn.countAll<number>().as('n')).as('instances'),
        eb.selectFrom('deployments').select(eb.fn.countAll<number>().as('n')).as('deployments'),
      ])
      .executeTakeFirstOrThrow();
    log(`seeded ${counts.instances} instances, ${counts.deployments} deployments in ${seedMs} ms`);
    api = await startApiProcess({
      databaseUrl,
      workers: config.apiWorkers,
      appUrl: APP_URL,
      ...secrets,
      // As production logs: a request line each, serialised and redacted, written to /dev/null.
      logLevel: 'info',
      logs: 'discard',
      env: config.serverEnv,
    });
    const { url, pids } = api;
    log(`API on ${url}: ${config.apiWorkers} workers, pids ${pids().join(', ')}`);

    const anyInstances = (
      await db
        .selectFrom('instances')
        .select('id')
        .where('status', '<>', 'DELETED')
        .limit(5000)
        .execute()
    ).map((row) => row.id);
    const specs: ClientSpec[] = await Promise.all(
      users.map(async (user) => ({
        cookie: user.cookie,
        admin: user.admin,
        instanceIds: user.admin
          ? anyInstances
          : (
              await db
                .selectFrom('instances')
                .select('id')
                .where('user_id', '=', user.id)
                .where('status', '<>', 'DELETED')
                .execute()
            ).map((row) => row.id),
      })),
    );

    const plan = { url, origin: APP_URL, clients: specs, warmupMs: config.warmupMs };
    // Other work on the machine skews every figure: recorded with the result.
    const loadBefore = loadAverage();
    log(`latency run: ${specs.length} clients, ${config.thinkMs} ms think time`);
    const latency = await measure(db, pids, {
      ...plan,
      durationMs: config.durationMs,
      thinkMs: config.thinkMs,
    });
    log(`saturation run: ${specs.length} clients, closed loop (no think time)`);
    const saturation = await measure(db, pids, {
      ...plan,
      durationMs: config.saturationMs,
      thinkMs: 0,
    });
    const result = {
      instances: counts.instances,
      deployments: counts.deployments,
      concurrency: specs.length,
      apiWorkers: config.apiWorkers,
      thinkMs: config.thinkMs,
      rps: latency.rps,
      p50Ms: latency.p50Ms,
      p99Ms: latency.p99Ms,
      p90Ms: latency.p90Ms,
      maxMs: latency.maxMs,
      requests: latency.requests,
      errors: latency.errors,
      durationS: latency.durationS,
      byProcedure: latency.byProcedure,
      cost: latency.cost,
      saturation: {
        rps: saturation.rps,
        p50Ms: saturation.p50Ms,
        p99Ms: saturation.p99Ms,
        requests: saturation.requests,
        errors: saturation.errors,
        durationS: saturation.durationS,
        cost: saturation.cost,
      },
      loadAverage: { before: loadBefore, after: loadAverage() },
      cores: os.availableParallelism(),
      seedMs,
      totalS: Math.round((performance.now() - started) / 1000),
      measured:
        `real time (performance.now); the API in a child process with ${config.apiWorkers} ` +
        `worker(s), clients in another; p50Ms/p99Ms/rps: ${specs.length} ` +
        `clients each thinking ${config.thinkMs} ms on average (exponential) after every ` +
        'answer (independent dashboard users); ' +
        'saturation: the same clients in a closed loop with no think time (throughput, not latency)',
    };
    await publishResult('api', result);
  } finally {
    try {
      await api?.stop();
    } finally {
      await stop();
    }
  }
}

/** One load run: its latencies and what each request cost the server, Postgres and the clients. */
async function measure(db: Db, serverPids: () => number[], plan: LoadPlan) {
  const stopCost = await startCost(db, serverPids);
  const load = await runClients(plan);
  const cost = await stopCost(load.answered);
  return {
    ...summarise(load),
    cost: { ...cost, clientCpuMsPerRequest: round2(load.cpuMs / Math.max(1, load.answered)) },
  };
}

/** Throughput and latency quantiles of a load run, overall and per procedure. */
function summarise(load: LoadReport) {
  const latencies = Object.entries(load.latenciesMs);
  const all = latencies.flatMap(([, samples]) => samples).sort((a, b) => a - b);
  const byProcedure = Object.fromEntries(
    latencies.map(([name, samples]) => {
      const sorted = [...samples].sort((a, b) => a - b);
      return [
        name,
        { requests: sorted.length, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99) },
      ];
    }),
  );
  return {
    rps: Math.round(load.requests / load.seconds),
    p50Ms: quantile(all, 0.5),
    p90Ms: quantile(all, 0.9),
    p99Ms: quantile(all, 0.99),
    maxMs: quantile(all, 1),
    requests: load.requests,
    errors: load.errors,
    durationS: load.seconds,
    byProcedure,
  };
}

/** Runs the load in a child process and returns its report. */
function runClients(plan: LoadPlan): Promise<LoadReport> {
  return runInChild<LoadReport>('./load-client.ts', plan);
}

await main();
