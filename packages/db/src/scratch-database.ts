import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { withAdminClient, withDatabaseName } from './admin';
import { createDb, type Db } from './client';
import { startEmbeddedPostgres } from './embedded/embedded-postgres';
import { migrateToLatest } from './migrate';

export interface ScratchDatabase {
  db: Db;
  /** Its connection URL, for code that opens its own pool (graphile-worker, a child process). */
  url: string;
  /** Closes the pool and drops what was created: the database, or the whole embedded server. */
  stop(): Promise<void>;
}

export interface ScratchDatabaseOptions {
  /** A server to create the database on (never touching its other databases); else embedded. */
  serverUrl?: string | undefined;
  poolSize: number;
  applicationName: string;
}

/**
 * A fresh migrated database for a benchmark or load run: a new database on `serverUrl`'s
 * server, dropped at the end, or a throwaway embedded Postgres when no server is given.
 */
export async function createScratchDatabase(
  options: ScratchDatabaseOptions,
): Promise<ScratchDatabase> {
  const migrated = async (url: string): Promise<Db> => {
    const db = createDb(url, { max: options.poolSize, applicationName: options.applicationName });
    await migrateToLatest(db);
    return db;
  };
  const { serverUrl } = options;
  if (serverUrl === undefined) {
    const server = await startEmbeddedPostgres({
      dataDir: await mkdtemp(path.join(tmpdir(), 'roundhouse-scratch-pg-')),
      persistent: false,
      database: 'roundhouse_scratch',
    });
    const db = await migrated(server.url);
    return {
      db,
      url: server.url,
      stop: async () => {
        await db.destroy();
        await server.stop();
      },
    };
  }
  const name = `rh_scratch_${randomBytes(4).toString('hex')}`;
  await withAdminClient(serverUrl, (client) =>
    client.query(`create database ${client.escapeIdentifier(name)}`),
  );
  const url = withDatabaseName(serverUrl, name);
  const db = await migrated(url);
  return {
    db,
    url,
    stop: async () => {
      await db.destroy();
      await withAdminClient(serverUrl, (client) =>
        client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`),
      );
    },
  };
}
