/**
 * bench:webhooks (DESIGN §8): verified payment notifications per second through the real API,
 * 30 % of them exact redeliveries, and exactly one provisioning per paid order.
 *
 * How it measures (real time, nothing simulated but the provider, played by the sandbox):
 * 1. A database of its own (a throwaway embedded Postgres, or a new database on DATABASE_URL's
 *    server, dropped afterwards), migrated like production. Embedded Postgres runs without fsync.
 * 2. The real API server (createApiServer) on a random loopback port in this process, production
 *    mode, payments in sandbox mode (the Alipay adapter verifying with the sandbox's public key),
 *    the production logger at info level writing to /dev/null (every line serialised, redacted
 *    and written as in production, not kept), a pool of BENCH_POOL_SIZE (10, createDb's
 *    default) connections.
 * 3. Warm-up + N unpaid orders (fixture rows: CREATED, PENDING subscription each); one Alipay
 *    TRADE_SUCCESS notification per order, RSA2-signed with the sandbox Alipay key (2048 bits)
 *    BEFORE the clock starts; then redeliveries (byte-identical bodies) are mixed in so that
 *    they make BENCH_DUPLICATES_PCT % of all deliveries, half right behind their original (in
 *    flight together) and half later (webhooks-orders.ts).
 * 4. A child process (webhooks-client.ts) posts them from BENCH_CONCURRENCY keep-alive
 *    connections in a closed loop: the warm-up (not measured), then every delivery. rps =
 *    deliveries answered / wall time from the first send to the last answer; latency =
 *    performance.now around each POST. Every answer must be Alipay's exact `200 success`.
 * 5. Then the database is counted: PAID orders, clone_instance jobs (key clone:*), payment_events
 *    and invoices must each equal the distinct notifications (warm-up included): redeliveries
 *    changed nothing. Exit code 1 when they don't, or when any answer failed.
 * The last line printed is the result JSON, also written to <repo>/bench/results/webhooks.json.
 * Knobs: bench/env.ts (BENCH_NOTIFICATIONS, BENCH_DUPLICATES_PCT, BENCH_CONCURRENCY, ...).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { generateKey } from '@roundhouse/crypto';
import { createScratchDatabase, type Db } from '@roundhouse/db';
import { sql } from 'kysely';
import { pino } from 'pino';
import { createLogger } from '../src/logger';
import { createApiServer, createApiServices } from '../src/server';
import { webhooksBenchConfig } from './env';
import { quantile } from './load';
import { loadAverage, publishResult, runInChild } from './results';
import type { WebhookLoadPlan, WebhookLoadReport } from './webhooks-client';
import { deliverySchedule, seedOrders, signNotifications } from './webhooks-orders';

const APP_URL = 'https://dashboard.bench.test';

const log = (message: string) => console.error(`[bench:webhooks] ${message}`);

async function main(): Promise<void> {
  const config = webhooksBenchConfig;
  const started = performance.now();
  const { db, stop } = await createScratchDatabase({
    serverUrl: config.databaseUrl,
    poolSize: config.poolSize,
    applicationName: 'bench-webhooks',
  });
  const authSecret = generateKey();
  const services = createApiServices(
    {
      nodeEnv: 'production',
      appUrl: APP_URL,
      authSecret,
      encryption: { keys: `bench:${generateKey()}` },
      trustedOrigins: [],
      instanceTemplate: { projectId: 'tpl-bench', serviceId: null },
      // No payments config: sandbox mode with a key pair of this process.
    },
    db,
    // The production logger (redaction included) at info, its lines written to /dev/null.
    createLogger({
      level: 'info',
      secrets: [authSecret],
      destination: pino.destination('/dev/null'),
    }),
  );
  const keys = services.payments.sandboxKeys;
  if (!keys) throw new Error('Expected the API in sandbox payments mode');
  const server = createApiServer({ services, config: { appUrl: APP_URL, trustedOrigins: [] } });
  try {
    const { url } = await server.listen();
    const distinct = config.warmupNotifications + config.notifications;
    log(`API on ${url}; seeding ${distinct} orders and signing their notifications`);
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
    // The server's CPU time (this process only serves while the client runs): unlike rps, it
    // hardly moves with the machine's other load. Includes the warm-up.
    const cpuBefore = process.cpuUsage();
    const load = await runInChild<WebhookLoadReport>('./webhooks-client.ts', plan);
    const cpu = process.cpuUsage(cpuBefore);
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
      serverCpuMsPerNotification:
        Math.round(((cpu.user + cpu.system) / 1000 / (warmup.length + deliveries.length)) * 1000) /
        1000,
      clientCpuMsPerNotification: Math.round((load.cpuMs / deliveries.length) * 1000) / 1000,
      ...counts,
      expected: distinct,
      ok,
      warmupNotifications: config.warmupNotifications,
      concurrency: config.concurrency,
      poolSize: config.poolSize,
      cores: os.availableParallelism(),
      durationS: Math.round(load.seconds * 100) / 100,
      loadAverage: { before: loadBefore, after: loadAfter },
      totalS: Math.round((performance.now() - started) / 1000),
      measured:
        'real time (performance.now); clients in a child process, closed loop; rps counts every ' +
        'verified delivery (redeliveries too); counts include the warm-up',
    };
    if (load.firstFailure) log(`first failed delivery: ${load.firstFailure}`);
    await publishResult('webhooks', result);
    if (!ok) process.exitCode = 1;
  } finally {
    await server.close();
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
