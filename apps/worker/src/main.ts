import path from 'node:path';
import { parseKeyring } from '@roundhouse/crypto';
import { createDb, migrateToLatest, resolveDatabaseUrl } from '@roundhouse/db';
import { sandboxTradeBook } from '@roundhouse/db/repositories/sandbox-trades';
import { createPaymentAdapters } from '@roundhouse/payments';
import { pino } from 'pino';
import type { WorkerDeps } from './deps';
import { createOutboxMailer, createSmtpMailer } from './email/mailer';
import { loadEnv } from './env';
import { startOpsServer } from './http/server';
import { createWorkerMetrics } from './metrics';
import { connectRailway } from './railway-connection';
import { startRunner } from './runner';
import { allTasks } from './tasks';

/**
 * The worker process: configuration, database (embedded Postgres when DATABASE_URL is unset),
 * migrations (safe alongside the api: they run under a session lock), Railway (or the in-process
 * simulator in development), the job runner and the ops port. SIGTERM/SIGINT stop it gracefully.
 */
const env = loadEnv();
const logger = pino({ level: env.logLevel, base: { service: 'worker' } });
const database = await resolveDatabaseUrl({
  databaseUrl: env.databaseUrl,
  dataDir: path.join(env.dataDir, 'postgres'),
});
const db = createDb(database.url, { applicationName: 'roundhouse-worker' });
const { applied } = await migrateToLatest(db);
logger.info({ applied }, 'database schema is current');

const metrics = createWorkerMetrics();
const railway = await connectRailway(env.railway, { metrics: metrics.railwaySink, logger });
const mailer = env.smtpUrl
  ? createSmtpMailer(env.smtpUrl, env.mailFrom)
  : createOutboxMailer(env.mailFrom);
const deps: WorkerDeps = {
  db,
  railway: railway.client,
  keyring: parseKeyring(env.encryption),
  logger,
  config: {
    appUrl: env.appUrl,
    railway: railway.settings,
    monitor: env.monitor,
    maxDeploymentAttempts: env.maxDeploymentAttempts,
    billing: env.billing,
  },
  now: () => new Date(),
  fetch: globalThis.fetch,
  mailer,
  payments: createPaymentAdapters(env.payments, env.appUrl, {
    sandboxTradeBook: sandboxTradeBook(db),
  }),
};
metrics.watch({ db, railway: railway.client });

const runner = await startRunner({
  deps,
  connectionString: database.url,
  tasks: allTasks,
  concurrency: env.concurrency,
  shutdownTimeoutMs: env.shutdownTimeoutMs,
  metrics,
});
const ops = await startOpsServer({
  db,
  registry: metrics.registry,
  runnerAlive: runner.isRunning,
  port: env.port,
});
logger.info({ workerId: runner.workerId, ops: ops.url, mail: mailer.kind }, 'worker started');

let stopping = false;
async function stop(reason: string, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ reason }, 'worker shutting down');
  try {
    await runner.stop();
    await ops.close();
    mailer.close();
    await railway.close();
    await db.destroy();
    await database.stop();
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    exitCode = 1;
  }
  process.exit(exitCode);
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void stop(signal, 0));
}
// The runner only ends on its own when something broke (e.g. its database went away for good).
runner.promise.then(
  () => void stop('job runner exited', 1),
  (error: unknown) => {
    logger.fatal({ err: error }, 'job runner failed');
    void stop('job runner failed', 1);
  },
);
