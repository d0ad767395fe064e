import { createDb, migrateToLatest, type Db } from '@roundhouse/db';
import type { Logger } from 'pino';
import type { ApiConfig } from '../env';
import type { ApiServices } from '../context';
import { createApiServer, createApiServices, type ApiServer } from '../server';

/** Start-up and shutdown steps the single process, the primary and the workers share. */

/** Brings the schema up to date (under migrateToLatest's advisory lock) and logs what it did. */
export async function migrate(db: Db, logger: Logger): Promise<void> {
  const { applied, workerSchema } = await migrateToLatest(db);
  logger.info({ event: 'migrated', applied, workerSchema }, 'database schema is current');
}

/** Migrates through a pool of one connection, closed afterwards (the primary serves nothing). */
export async function migrateUrl(url: string, logger: Logger): Promise<void> {
  const db = createDb(url, { max: 1, applicationName: 'roundhouse-api' });
  try {
    await migrate(db, logger);
  } finally {
    await db.destroy();
  }
}

/** The API on `db`, listening on config.port on every interface. */
export async function serveApi(
  config: ApiConfig,
  db: Db,
  logger: Logger,
  overrides: Partial<Pick<ApiServices, 'metrics' | 'callerCache'>> = {},
): Promise<ApiServer> {
  const services = createApiServices(config, db, logger, overrides);
  const server = createApiServer({ services, config });
  await server.listen({ port: config.port, hostname: '0.0.0.0' });
  return server;
}

/**
 * Runs `stop` once, on the first SIGTERM or SIGINT or when the returned function is called, then
 * exits: with `exitCode` (0 for a signal) when `stop` succeeds, 1 when it throws.
 */
export function shutdownOnSignal(
  logger: Logger,
  stop: () => Promise<void>,
): (reason: string, exitCode: number) => void {
  let stopping = false;
  const shutdown = (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'shutdown', reason }, 'shutting down');
    stop().then(
      () => process.exit(exitCode),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', (signal) => shutdown(signal, 0));
  process.once('SIGINT', (signal) => shutdown(signal, 0));
  return shutdown;
}
