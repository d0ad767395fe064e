import cluster from 'node:cluster';
import path from 'node:path';
import { createDb, resolveDatabaseUrl } from '@roundhouse/db';
import { runPrimary } from './cluster/primary';
import { migrate, serveApi, shutdownOnSignal } from './cluster/lifecycle';
import { runWorker } from './cluster/worker';
import { loadEnv } from './env';
import { createLogger } from './logger';

/**
 * The API process: configuration, database (embedded Postgres when DATABASE_URL is unset),
 * migrations, then HTTP. SIGTERM/SIGINT stop it gracefully: no new connections, in-flight
 * requests finish, then the pool and the embedded database are closed.
 *
 * API_WORKERS > 1: this process becomes the primary of a node:cluster (cluster/primary.ts) and
 * the same file runs again in each forked worker (cluster/worker.ts).
 */
const config = loadEnv();
const logger = createLogger({
  level: config.logLevel,
  secrets: [config.authSecret, config.encryption.keys ?? '', config.encryption.key ?? ''],
});

if (cluster.isWorker) await runWorker(config, logger);
else if (config.apiWorkers > 1) await runPrimary(config, logger);
else await runSingleProcess();

async function runSingleProcess(): Promise<void> {
  const database = await resolveDatabaseUrl({
    databaseUrl: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'postgres'),
  });
  const db = createDb(database.url, {
    max: config.databasePoolSize,
    applicationName: 'roundhouse-api',
  });
  await migrate(db, logger);
  const server = await serveApi(config, db, logger);
  shutdownOnSignal(logger, async () => {
    await server.close();
    await db.destroy();
    await database.stop();
  });
}
