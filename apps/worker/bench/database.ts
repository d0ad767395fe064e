import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, type Db, migrateToLatest, startEmbeddedPostgres } from '@roundhouse/db';
import { sql } from 'kysely';

export interface BenchDatabase {
  db: Db;
  /** For graphile-worker, which opens its own pool. */
  url: string;
  /** Drops what the bench created (its database, or the whole embedded server). */
  stop(): Promise<void>;
}

/**
 * A fresh migrated database: a new one on DATABASE_URL's server (dropped at the end, so a real
 * database is never touched), or a throwaway embedded Postgres.
 */
export async function benchDatabase(serverUrl: string | undefined, poolSize: number) {
  const migrated = async (url: string): Promise<Db> => {
    const db = createDb(url, { max: poolSize, applicationName: 'bench-worker' });
    await migrateToLatest(db);
    return db;
  };
  if (serverUrl === undefined) {
    const server = await startEmbeddedPostgres({
      dataDir: await mkdtemp(path.join(tmpdir(), 'roundhouse-bench-pg-')),
      persistent: false,
      database: 'roundhouse_bench',
    });
    const db = await migrated(server.url);
    return {
      db,
      url: server.url,
      stop: async () => {
        await db.destroy();
        await server.stop();
      },
    } satisfies BenchDatabase;
  }
  const name = `rh_bench_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (server) => sql`create database ${sql.id(name)}`.execute(server));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await migrated(url.toString());
  return {
    db,
    url: url.toString(),
    stop: async () => {
      await db.destroy();
      await onServer(serverUrl, (server) =>
        sql`drop database ${sql.id(name)} with (force)`.execute(server),
      );
    },
  } satisfies BenchDatabase;
}

async function onServer(url: string, run: (server: Db) => Promise<unknown>): Promise<void> {
  const server = createDb(url, { max: 1, applicationName: 'bench-worker-admin' });
  try {
    await run(server);
  } finally {
    await server.destroy();
  }
}
