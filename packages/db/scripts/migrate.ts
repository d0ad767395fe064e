/**
 * `pnpm --filter @roundhouse/db db:migrate`: migrates DATABASE_URL, or the dev embedded cluster
 * in <repo>/.data/postgres (started for the run if no dev process is running it).
 */
import { fileURLToPath } from 'node:url';
import { createDb, migrateToLatest, resolveDatabaseUrl } from '../src/index';

const handle = await resolveDatabaseUrl({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: fileURLToPath(new URL('../../../.data/postgres', import.meta.url)),
});
const db = createDb(handle.url, { applicationName: 'db:migrate' });
try {
  const { applied, workerSchema } = await migrateToLatest(db);
  console.log(
    applied.length || workerSchema.length
      ? `Applied ${applied.join(', ') || 'no migrations'}; graphile-worker schema revisions: ${workerSchema.join(', ') || 'none'}`
      : 'Database already up to date',
  );
} finally {
  await db.destroy();
  await handle.stop();
}
