import { type DatabaseHandle, startEmbeddedPostgres } from './embedded-postgres';

export interface ResolveDatabaseUrlOptions {
  /** DATABASE_URL from the app's env.ts; when set, nothing is started. */
  databaseUrl?: string;
  /** Persistent embedded cluster used when there is no URL (dev: `<repo>/.data/postgres`). */
  dataDir: string;
}

/** DATABASE_URL when given, else a persistent embedded Postgres in `dataDir`. */
export async function resolveDatabaseUrl(
  options: ResolveDatabaseUrlOptions,
): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, source: 'external', stop: async () => {} };
  }
  return startEmbeddedPostgres({ dataDir: options.dataDir, persistent: true });
}
