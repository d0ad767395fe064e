/**
 * bench:api (DESIGN §8): list and detail latency of the real API at 100,000 instances and
 * 1,000,000 deployments with 50 concurrent clients.
 *
 * How it measures (real time, nothing simulated):
 * 1. A database of its own: a throwaway embedded Postgres, or a new database on DATABASE_URL's
 *    server (dropped afterwards). Migrated like production.
 * 2. The real API server (createApiServer: Hono, better-auth, tRPC, superjson) listens on a
 *    random loopback port in this process, in production mode (secure cookies, rate limits).
 * 3. 45 customers and 5 admins (by default) sign up through better-auth (real password hashing, real
 *    sessions); then the fleet is seeded with set-based SQL (seed.ts) so the customers own 10
 *    instances each among the 100,000, and the planner statistics are refreshed.
 * 4. The 50 clients run in a child process (load-client.ts), so they don't share the server's
 *    event loop, as remote clients wouldn't (they do share the machine's cores). Each is a tRPC
 *    HTTP client (httpLink: one request per call, no batching) with its session cookie.
 *    Customers alternate instances.list (first page of 20) and instances.detail (a random
 *    instance of theirs); admins alternate admin.instances.list (newest first, 50 per page,
 *    following the cursor up to 5 pages deep) and admin.instances.detail (any instance).
 *    Closed loop, no think time: a client sends its next request as soon as the previous answer
 *    is parsed, so 50 requests are always in flight.
 * 5. After a warm-up, latencies are recorded for a fixed duration with performance.now() around
 *    each call: wall-clock time including HTTP, authentication, the database and
 *    (de)serialisation, and the queueing behind the other 49 clients.
 * The last line printed is the result JSON, also written to <repo>/bench/results/api.json.
 * Knobs: bench/env.ts (BENCH_DURATION_S, BENCH_CONCURRENCY, BENCH_INSTANCES, ...).
 */
import { fork } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateKey } from '@roundhouse/crypto';
import { pino } from 'pino';
import { createApiServer, createApiServices } from '../src/server';
import { benchDatabase } from './database';
import { benchConfig } from './env';
import { quantile } from './load';
import type { ClientSpec, LoadPlan, LoadReport } from './load-client';
import { seedFleet } from './seed';

const RESULT_FILE = fileURLToPath(new URL('../../../bench/results/api.json', import.meta.url));
const APP_URL = 'https://dashboard.bench.test';
const ADMINS = 5;
const PASSWORD = 'bench password 0123456789';

const log = (message: string) => console.error(`[bench:api] ${message}`);

async function main(): Promise<void> {
  const config = benchConfig;
  const started = performance.now();
  const { db, stop } = await benchDatabase(config.databaseUrl);
  const services = createApiServices(
    {
      nodeEnv: 'production',
      appUrl: APP_URL,
      authSecret: generateKey(),
      encryption: { keys: `bench:${generateKey()}` },
      trustedOrigins: [],
    },
    db,
    pino({ level: 'silent' }),
  );
  const server = createApiServer({ services, config: { appUrl: APP_URL, trustedOrigins: [] } });
  try {
    const { url } = await server.listen();
    log(`API on ${url}; signing up ${config.concurrency} users`);
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

    log(
      `load: ${specs.length} clients, ${config.warmupMs} ms warm-up, ${config.durationMs} ms measured`,
    );
    const load = await runClients({
      url,
      origin: APP_URL,
      clients: specs,
      warmupMs: config.warmupMs,
      durationMs: config.durationMs,
    });
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
    const result = {
      instances: counts.instances,
      deployments: counts.deployments,
      concurrency: specs.length,
      rps: Math.round(load.requests / load.seconds),
      p50Ms: quantile(all, 0.5),
      p99Ms: quantile(all, 0.99),
      p90Ms: quantile(all, 0.9),
      maxMs: quantile(all, 1),
      requests: load.requests,
      errors: load.errors,
      durationS: load.seconds,
      byProcedure,
      seedMs,
      totalS: Math.round((performance.now() - started) / 1000),
      measured: 'real time (performance.now), closed loop, clients in a child process',
    };
    await mkdir(path.dirname(RESULT_FILE), { recursive: true });
    await writeFile(RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result));
  } finally {
    await server.close();
    await stop();
  }
}

/** Runs the load in a child process and returns its report. */
function runClients(plan: LoadPlan): Promise<LoadReport> {
  const child = fork(fileURLToPath(new URL('./load-client.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (report) => resolve(report as LoadReport));
    child.once('exit', (code) => reject(new Error(`load client exited with ${code}`)));
    child.send(plan);
  });
}

await main();
