import { ConfigurationError } from '@roundhouse/core';
import { createDb, migrateToLatest } from '@roundhouse/db';
import { loadEnv } from './env';
import { createLogger } from './logger';

/**
 * Production's pre-deploy step (`node apps/api/dist/migrate.js`): brings DATABASE_URL to the
 * latest schema, ours and graphile-worker's, before any new replica starts. The processes also
 * migrate at start-up (under the same advisory lock); running it first means a failing migration
 * stops the deploy while the old replicas keep serving, instead of crash-looping new ones.
 */
const config = loadEnv();
if (!config.databaseUrl) {
  throw new ConfigurationError('DATABASE_URL is required to run migrations');
}
// The URL carries the database password: errors quoting it are masked like the other secrets.
const logger = createLogger({
  level: config.logLevel,
  secrets: [config.authSecret, config.databaseUrl],
});
const db = createDb(config.databaseUrl, { applicationName: 'roundhouse-migrate' });
try {
  const { applied, workerSchema } = await migrateToLatest(db);
  logger.info({ event: 'migrated', applied, workerSchema }, 'database schema is current');
} catch (error) {
  logger.fatal({ err: error }, 'migration failed');
  process.exitCode = 1;
} finally {
  await db.destroy();
}
