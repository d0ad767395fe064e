import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { withAdminClient, withDatabaseName } from '../admin';
import { createDb, type Db } from '../client';
import { TEST_DATABASE_SERVER, type TestDatabaseServer } from './provided';

export type { TestDatabaseServer } from './provided';

export interface TestDatabase {
  db: Db;
  url: string;
  /** Closes the pool and drops the database (even with connections still open elsewhere). */
  destroy(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** false: an empty database, for tests of the migrations themselves (default true). */
  migrated?: boolean;
  /** Pool size (default 10). */
  max?: number;
}

/**
 * A database of its own for one test file, copied from the migrated template (fast: no
 * migrations run), so test files run in parallel without seeing each other's rows.
 */
export async function createTestDatabase(
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  const { serverUrl, template } = testServer();
  const name = `rh_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, async (client) => {
    const from = options.migrated === false ? '' : ` template ${client.escapeIdentifier(template)}`;
    await client.query(`create database ${client.escapeIdentifier(name)}${from}`);
  });
  const url = withDatabaseName(serverUrl, name);
  const db = createDb(url, { max: options.max ?? 10, applicationName: name });
  return {
    db,
    url,
    destroy: async () => {
      await db.destroy();
      await withAdminClient(serverUrl, (client) =>
        client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`),
      );
    },
  };
}

function testServer(): TestDatabaseServer {
  const server = inject(TEST_DATABASE_SERVER) as TestDatabaseServer | undefined;
  if (!server) {
    throw new Error(
      "createTestDatabase() needs vitest's globalSetup: " +
        "['@roundhouse/db/testing/global-setup'] in this package's vitest.config.ts",
    );
  }
  return server;
}
export * from './fixtures';
