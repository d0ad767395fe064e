import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { type DatabaseHandle, startEmbeddedPostgres } from '../embedded/embedded-postgres';
import { testDatabaseUrl } from './env';
import { TEST_DATABASE_SERVER } from './provided';
import { ensureTemplateDatabase } from './template';

/**
 * Vitest globalSetup: `globalSetup: ['@roundhouse/db/testing/global-setup']`. Uses DATABASE_URL
 * when set, else starts a throwaway embedded Postgres for this test run; makes sure the migrated
 * template exists and provides both to `createTestDatabase()`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server: DatabaseHandle = testDatabaseUrl
    ? { url: testDatabaseUrl, source: 'external', stop: async () => {} }
    : await startEmbeddedPostgres({
        dataDir: await mkdtemp(path.join(tmpdir(), 'roundhouse-test-pg-')),
        persistent: false,
        database: 'postgres',
      });
  try {
    const template = await ensureTemplateDatabase(server.url);
    project.provide(TEST_DATABASE_SERVER, { serverUrl: server.url, template });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return () => server.stop();
}
