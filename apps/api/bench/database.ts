import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, type Db, migrateToLatest, startEmbeddedPostgres } from '@roundhouse/db';
import { sql } from 'kysely';

export interface BenchDatabase {
  db: Db;
  /** Drops what the bench created (database or whole embedded server). */
  stop(): Promise<void>;
}

/**
 * A migrated database of the bench's own: a new database on DATABASE_URL's server (dropped at
 * the end, so a real database is never touched), or a throwaway embedded Postgres.
 */
export async function benchDatabase(serverUrl: string | undefined): Promise<BenchDatabase> {
  if (serverUrl === undefined) {
    const server = await startEmbeddedPostgres({
      dataDir: await mkdtemp(path.join(tmpdir(), 'roundhouse-bench-pg-')),
      persistent: false,
      database: 'roundhouse_bench',
    });
    const db = await migrated(server.url);
    return {
      db,
      stop: async () => {
        await db.destroy();
        await server.stop();
      },
    };
  }
  const name = `rh_bench_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (server) => sql`create database ${sql.id(name)}`.execute(server));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await migrated(url.toString());
  return {
    db,
    stop: async () => {
      await db.destroy();
      await onServer(serverUrl, (server) =>
        sql`drop database ${sql.id(name)} with (force)`.execute(server),
      );
    },
  };
}

async function migrated(url: string): Promise<Db> {
  // Pool sized for 50 concurrent requests plus better-auth's session lookups.
  const db = createDb(url, { max: 20, applicationName: 'bench-api' });
  await migrateToLatest(db);
  return db;
}

async function onServer(url: string, run: (server: Db) => Promise<unknown>): Promise<void> {
  const server = createDb(url, { max: 1, applicationName: 'bench-api-admin' });
  try {
    await run(server);
  } finally {
    await server.destroy();
  }
}
