import { ConfigurationError } from '@roundhouse/core';
import { Migrator } from 'kysely';
import { type Db, poolOf } from './client';
import { migrationProvider } from './migrations';
import { withSessionLock } from './session-lock';
import {
  appliedWorkerMigrations,
  knownWorkerMigrations,
  migrateWorkerSchema,
  workerMigrationName,
} from './worker-schema';

export interface MigrateResult {
  /** Our migrations this call applied, by name (empty when already up to date). */
  applied: string[];
  /** graphile-worker schema revisions this call applied. */
  workerSchema: number[];
}

export interface MigrationStatus {
  /** Ours by name, then graphile-worker's as `graphile-worker/000019`. */
  applied: string[];
  pending: string[];
}

const MIGRATION_LOCK = 'roundhouse.migrate';

function migrator(db: Db): Migrator {
  return new Migrator({ db, provider: migrationProvider });
}

/**
 * Brings the database to the latest schema: our migrations, then graphile-worker's. Safe when
 * several processes start at once: everything runs under one advisory lock (Kysely's own lock
 * table creation and graphile-worker's bootstrap can race each other otherwise), so the others
 * wait and then find nothing to do.
 */
export async function migrateToLatest(db: Db): Promise<MigrateResult> {
  const pool = poolOf(db);
  return withSessionLock(pool.options, MIGRATION_LOCK, async () => {
    const { error, results = [] } = await migrator(db).migrateToLatest();
    if (error !== undefined) {
      const failed = results.find((result) => result.status === 'Error')?.migrationName;
      const message = error instanceof Error ? error.message : String(error);
      throw new ConfigurationError(
        `Database migration ${failed ? `"${failed}" ` : ''}failed: ${message}`,
        { cause: error, details: { migration: failed } },
      );
    }
    const applied = results.map((result) => result.migrationName);
    const workerSchema = await migrateWorkerSchema(db, pool);
    return { applied, workerSchema };
  });
}

/** What is applied and what is pending, without changing anything (for /readyz). */
export async function migrationStatus(db: Db): Promise<MigrationStatus> {
  const ours = await migrator(db).getMigrations();
  const workerApplied = new Set(await appliedWorkerMigrations(db));
  const workerKnown = knownWorkerMigrations.map((id) => ({
    name: workerMigrationName(id),
    done: workerApplied.has(id),
  }));
  const all = [
    ...ours.map((migration) => ({ name: migration.name, done: !!migration.executedAt })),
    ...workerKnown,
  ];
  return {
    applied: all.filter((m) => m.done).map((m) => m.name),
    pending: all.filter((m) => !m.done).map((m) => m.name),
  };
}
