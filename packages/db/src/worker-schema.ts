import { sql } from 'kysely';
import { runMigrations } from 'graphile-worker';
// graphile-worker publishes no "latest schema revision" API; its migration list is the truth.
import { migrations as workerSqlMigrations } from 'graphile-worker/dist/generated/sql.js';
import type pg from 'pg';
import type { Db } from './client';

/** graphile-worker's schema revisions this installed version knows, ascending (e.g. 1..19). */
export const knownWorkerMigrations: readonly number[] = Object.keys(workerSqlMigrations)
  .map((file) => Number.parseInt(file.slice(0, 6), 10))
  .sort((a, b) => a - b);

export function workerMigrationName(id: number): string {
  return `graphile-worker/${String(id).padStart(6, '0')}`;
}

/** Revisions recorded in graphile_worker.migrations (none when the schema doesn't exist yet). */
export async function appliedWorkerMigrations(db: Db): Promise<number[]> {
  const { rows } = await sql<{ present: boolean }>`
    select to_regclass('graphile_worker.migrations') is not null as present
  `.execute(db);
  if (!rows[0]?.present) return [];
  const applied = await sql<{ id: number }>`
    select id from graphile_worker.migrations order by id
  `.execute(db);
  return applied.rows.map((row) => row.id);
}

/** Installs or upgrades graphile-worker's schema; returns the revisions this call applied. */
export async function migrateWorkerSchema(db: Db, pool: pg.Pool): Promise<number[]> {
  const before = new Set(await appliedWorkerMigrations(db));
  await runMigrations({ pgPool: pool });
  return (await appliedWorkerMigrations(db)).filter((id) => !before.has(id));
}
