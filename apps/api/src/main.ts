import path from 'node:path';
import { createDb, migrateToLatest, resolveDatabaseUrl } from '@roundhouse/db';
import { loadEnv } from './env';
import { createLogger } from './logger';
import { createApiServer, createApiServices } from './server';

/**
 * The API process: configuration, database (embedded Postgres when DATABASE_URL is unset),
 * migrations, then HTTP. SIGTERM/SIGINT stop it gracefully: no new connections, in-flight
 * requests finish, then the pool and the embedded database are closed.
 */
const config = loadEnv();
const logger = createLogger({
  level: config.logLevel,
  secrets: [config.authSecret, config.encryption.keys ?? '', config.encryption.key ?? ''],
});

const database = await resolveDatabaseUrl({
  databaseUrl: config.databaseUrl,
  dataDir: path.join(config.dataDir, 'postgres'),
});
const db = createDb(database.url, { applicationName: 'roundhouse-api' });
const { applied, workerSchema } = await migrateToLatest(db);
logger.info({ event: 'migrated', applied, workerSchema }, 'database schema is current');

const server = createApiServer({ services: createApiServices(config, db, logger), config });
await server.listen({ port: config.port, hostname: '0.0.0.0' });

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ event: 'shutdown', signal }, 'shutting down');
  try {
    await server.close();
    await db.destroy();
    await database.stop();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.once('SIGTERM', (signal) => void stop(signal));
process.once('SIGINT', (signal) => void stop(signal));
