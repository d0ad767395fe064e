import cluster from 'node:cluster';
import { createDb } from '@roundhouse/db';
import type { Logger } from 'pino';
import { createCallerCache } from '../auth/caller-cache';
import type { ApiConfig } from '../env';
import { createMetrics } from '../metrics/metrics';
import { clusterCallerCache } from './cluster-forget';
import { clusterWideMetrics } from './cluster-metrics';
import { serveApi, shutdownOnSignal } from './lifecycle';

/**
 * One HTTP worker of the cluster (primary.ts forked it): a pool of its own and the full API on
 * the shared port; the primary has resolved the database, migrated it and generated first-start
 * files already. Its metrics and caller-cache forgets are the cluster's (through the primary). SIGTERM/SIGINT: in-flight requests finish, then the pool closes and it exits 0.
 */
export async function runWorker(config: ApiConfig, logger: Logger): Promise<void> {
  const log = logger.child({ worker: cluster.worker?.id, pid: process.pid });
  if (!config.databaseUrl) throw new Error('an API worker needs the DATABASE_URL its primary sets');
  const db = createDb(config.databaseUrl, {
    max: config.databasePoolSize,
    applicationName: 'roundhouse-api',
  });
  const server = await serveApi(config, db, log, {
    metrics: clusterWideMetrics(createMetrics()),
    callerCache: clusterCallerCache(createCallerCache()),
  });
  shutdownOnSignal(log, async () => {
    await server.close();
    await db.destroy();
  });
}
