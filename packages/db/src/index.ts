export { createDb, type CreateDbOptions, type Db, type DbOrTrx } from './client';
export { enqueue, type EnqueueOptions } from './enqueue';
export {
  migrateToLatest,
  migrationStatus,
  type MigrateResult,
  type MigrationStatus,
} from './migrate';
export {
  startEmbeddedPostgres,
  type DatabaseHandle,
  type EmbeddedPostgresOptions,
} from './embedded/embedded-postgres';
export {
  resolveDatabaseUrl,
  type ResolveDatabaseUrlOptions,
} from './embedded/resolve-database-url';
export * from './schema';
export {
  createScratchDatabase,
  type ScratchDatabase,
  type ScratchDatabaseOptions,
} from './scratch-database';
