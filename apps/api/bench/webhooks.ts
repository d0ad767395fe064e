/**
 * bench:webhooks (DESIGN §8): verified payment notifications per second through the real API,
 * 30 % of them exact redeliveries, and exactly one provisioning per paid order.
 *
 * How it measures (real time, nothing simulated but the provider, played by the sandbox):
 * 1. A database of its own (a throwaway embedded Postgres, or a new database on DATABASE_URL's
 *    server, dropped afterwards), migrated like production. Embedded Postgres runs without fsync.
 * 2. The real API (`src/main.ts`, api-process.ts) in a child process, production mode,
 *    BENCH_API_WORKERS (2) node:cluster workers with createDb's default pool of 10 each, payments
 *    in sandbox mode with a key pair this bench made in the API's DATA_DIR, the production logger
 *    at info level writing to /dev/null (every line serialised, redacted and written as in
 *    production, not kept).
 * 3. Warm-up + N unpaid orders (fixture rows: CREATED, PENDING subscription each); one Alipay
 *    TRADE_SUCCESS notification per order, RSA2-signed with the sandbox Alipay key (2048 bits)
 *    BEFORE the clock starts; then redeliveries (byte-identical bodies) are mixed in so that
 *    they make BENCH_DUPLICATES_PCT % of all deliveries, half right behind their original (in
 *    flight together) and half later (webhooks-orders.ts).
 * 4. A child process (webhooks-client.ts) posts them from BENCH_CONCURRENCY keep-alive
 *    connections in a closed loop: the warm-up (not measured), then every delivery. rps =
 *    deliveries answered / wall time from the first send to the last answer; latency =
 *    performance.now around each POST. Every answer must be Alipay's exact `200 success`.
 *    Server and Postgres CPU are read from /proc around the whole run (cost.ts), warm-up included.
 * 5. Then the database is counted: PAID orders, clone_instance jobs (key clone:*), payment_events
 *    and invoices must each equal the distinct notifications (warm-up included): redeliveries
 *    changed nothing. Exit code 1 when they don't, or when any answer failed.
 * The last line printed is the result JSON, also written to <repo>/bench/results/webhooks.json.
 * Knobs: bench/env.ts (BENCH_NOTIFICATIONS, BENCH_DUPLICATES_PCT, BENCH_CONCURRENCY, ...).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateKey } from '@roundhouse/crypto';
import { createScratchDatabase, type Db } from '@roundhouse/db';
import { loadOrCreateSandboxKeys } from '@roundhouse/payments';
import { sql } from 'kysely';
import { SANDBOX_KEY_FILE } from '../src/env';
import { type ApiProcess, startApiProcess } from './api-process';
import { startCost } from './cost';
import { webhooksBenchConfig } from './env';
import { quantile } from './load';
import { loadAverage, publishResult, round2, runInChild } from './results';
import type { WebhookLoadPlan, WebhookLoadReport } from './webhooks-client';
import { deliverySchedule, seedOrders, signNotifications } from './webhooks-orders';

const APP_URL = 'https://dashboard.bench.test';

const log = (message: string) => console.error(`[bench:webhooks] ${message}`);

async function main(): Promise<void> {
  const config = webhooksBenchConfig;
  const started = performance.now();
  const {
    db,
    url: databaseUrl,
    stop,
  } = await createScratchDatabase({
    serverUrl: config.databaseUrl,
    poolSize: 4,
    applicationName: 'bench-webhooks',
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'roundhouse-bench-webhooks-'));
  // The API (sandbox mode) verifies with the key pair it finds in its DATA_DIR: made here, so
  // this process can sign as the sandbox's "Alipay".
  const keys = loadOrCreateSandboxKeys(path.join(dataDir, SANDBOX_KEY_FILE));
  let api: ApiProcess | undefined;
  try {
    api = await startApiProcess({
      databaseUrl,
      workers: config.apiWorkers,
      appUrl: APP_URL,
      authSecret: generateKey(),
      encryptionKeys: `bench:${generateKey()}`,
      dataDir,
      logLevel: 'info',
      logs: 'discard',
      env: { ...config.serverEnv, RAILWAY_TEMPLATE_PROJECT_ID: 'tpl-bench' },
    });
    const { url, pids } = api;
    const distinct = config.warmupNotifications + config.notifications;
    log(`API on ${url} (${config.apiWorkers} workers); seeding ${distinct} orders, signing`);
    const orders = await seedOrders(db, distinct);
    const bodies = signNotifications(keys, orders);
    const warmup = bodies
      .slice(0, config.warmupNotifications)
      .map((body, notification) => ({ notification, body }));
    const deliveries = deliverySchedule(
      bodies.slice(config.warmupNotifications),
      config.duplicatesPct,
    );
    const plan: WebhookLoadPlan = { url, concurrency: config.concurrency, warmup, deliveries };

    const loadBefore = loadAverage();
    log(`posting ${deliveries.length} deliveries from ${config.concurrency} connections`);
    const stopCost = await startCost(db, pids);
    const load = await runInChild<WebhookLoadReport>('./webhooks-client.ts', plan);
    const cost = await stopCost(warmup.length + deliveries.length);
    const loadAfter = loadAverage();
    const counts = await countOutcomes(db);
    const latencies = [...load.latenciesMs].sort((a, b) => a - b);
    const duplicates = deliveries.length - config.notifications;
    const ok =
      load.failures === 0 &&
      counts.paidOrders === distinct &&
      counts.provisionJobs === distinct &&
      counts.paymentEvents === distinct &&
      counts.invoices === distinct;
    const result = {
      bench: 'webhooks',
      notifications: deliveries.length,
      distinctNotifications: config.notifications,
      duplicates,
      duplicatesPct: Math.round((duplicates / deliveries.length) * 1000) / 10,
      concurrentDuplicates: load.concurrentDuplicates,
      rps: Math.round(deliveries.length / load.seconds),
      p50Ms: quantile(latencies, 0.5),
      p99Ms: quantile(latencies, 0.99),
      maxMs: quantile(latencies, 1),
      failures: load.failures,
      cost: {
        serverCpuMsPerNotification: cost.serverCpuMsPerRequest,
        dbCpuMsPerNotification: cost.dbCpuMsPerRequest,
        dbTransactionsPerNotification: cost.dbTransactionsPerRequest,
        clientCpuMsPerNotification: round2(load.cpuMs / deliveries.length),
      },
      ...counts,
      expected: distinct,
      ok,
      warmupNotifications: config.warmupNotifications,
      concurrency: config.concurrency,
      apiWorkers: config.apiWorkers,
      cores: os.availableParallelism(),
      durationS: round2(load.seconds),
      loadAverage: { before: loadBefore, after: loadAfter },
      totalS: Math.round((performance.now() - started) / 1000),
      measured:
        `real time (performance.now); the API in a child process with ${config.apiWorkers} ` +
        'worker(s), clients in another, closed loop; rps counts every verified delivery ' +
        '(redeliveries too); counts and CPU include the warm-up',
    };
    if (load.firstFailure) log(`first failed delivery: ${load.firstFailure}`);
    await publishResult('webhooks', result);
    if (!ok) process.exitCode = 1;
  } finally {
    await api?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await stop();
  }
}

/** What the deliveries left in the database. */
async function countOutcomes(db: Db) {
  const { rows } = await sql<{
    paidOrders: number;
    provisionJobs: number;
    paymentEvents: number;
    invoices: number;
  }>`
    select (select count(*)::int from orders where status = 'PAID') as "paidOrders",
           (select count(*)::int from graphile_worker.jobs
             where task_identifier = 'clone_instance' and key like 'clone:%') as "provisionJobs",
           (select count(*)::int from payment_events) as "paymentEvents",
           (select count(*)::int from invoices) as "invoices"
  `.execute(db);
  return rows[0]!;
}

await main();
