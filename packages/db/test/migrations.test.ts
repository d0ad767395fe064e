import { ConfigurationError } from '@roundhouse/core';
import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db, migrateToLatest, migrationStatus } from '../src/index';
import { migrationProvider, migrations } from '../src/migrations';
import { knownWorkerMigrations } from '../src/worker-schema';
import { createTestDatabase, type TestDatabase } from '../src/testing';

const OUR_MIGRATIONS = Object.keys(migrations);

async function publicTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name
  `.execute(db);
  return rows.map((row) => row.table_name);
}

let databases: TestDatabase[] = [];
async function emptyDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase({ migrated: false });
  databases.push(database);
  return database;
}
afterEach(async () => {
  await Promise.all(databases.map((database) => database.destroy()));
  databases = [];
});

describe('migrateToLatest', () => {
  it('applies every migration to an empty database, then is a no-op', async () => {
    const { db } = await emptyDatabase();
    expect((await migrationStatus(db)).applied).toEqual([]);

    const first = await migrateToLatest(db);
    expect(first.applied).toEqual(OUR_MIGRATIONS);
    expect(first.workerSchema).toEqual(knownWorkerMigrations);
    expect(await publicTables(db)).toEqual(
      expect.arrayContaining(['user', 'apikey', 'orders', 'instances', 'deployment_logs']),
    );
    expect((await migrationStatus(db)).pending).toEqual([]);

    const second = await migrateToLatest(db);
    expect(second).toEqual({ applied: [], workerSchema: [] });
  });

  it('lets several processes migrate one fresh database at the same time', async () => {
    const { url } = await emptyDatabase();
    const pools = Array.from({ length: 4 }, (_, i) =>
      createDb(url, { max: 3, applicationName: `migrator-${i}` }),
    );
    try {
      const results = await Promise.all(pools.map((db) => migrateToLatest(db)));
      // each migration ran exactly once, in whichever process got the lock first
      expect(results.flatMap((result) => result.applied).sort()).toEqual(OUR_MIGRATIONS);
      expect(results.flatMap((result) => result.workerSchema).sort((a, b) => a - b)).toEqual(
        knownWorkerMigrations,
      );
      const status = await migrationStatus(pools[0]!);
      expect(status.pending).toEqual([]);
    } finally {
      await Promise.all(pools.map((db) => db.destroy()));
    }
  });

  it('reports which migration failed, and leaves nothing of it behind', async () => {
    const { db } = await emptyDatabase();
    await sql`create table "session" (id int)`.execute(db);

    const failure = migrateToLatest(db);
    await expect(failure).rejects.toBeInstanceOf(ConfigurationError);
    await expect(failure).rejects.toThrow(/"0001_better_auth" failed: .*"session" already exists/);
    expect(await publicTables(db)).toEqual([
      'kysely_migration',
      'kysely_migration_lock',
      'session',
    ]);
    expect((await migrationStatus(db)).applied).toEqual([]);
  });

  it('migrates down to nothing and back up again', async () => {
    const { db } = await emptyDatabase();
    await migrateToLatest(db);
    const migrator = new Migrator({ db, provider: migrationProvider });

    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(await publicTables(db)).toEqual(['kysely_migration', 'kysely_migration_lock']);
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from pg_proc where proname = 'set_updated_at'
    `.execute(db);
    expect(rows[0]?.n).toBe(0);

    expect((await migrateToLatest(db)).applied).toEqual(OUR_MIGRATIONS);
  });
});
