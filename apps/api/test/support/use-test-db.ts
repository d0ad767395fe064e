import type { Db } from '@roundhouse/db';
import { createTestDatabase, type TestDatabase } from '@roundhouse/db/testing';
import { afterAll, beforeAll } from 'vitest';
import type { ApiServices } from '../../src/context';
import { testServices } from './context';

/**
 * A migrated test database for the calling test file: created in beforeAll, destroyed in
 * afterAll. A getter, because the database exists only once the hook has run.
 */
export function useTestDb(): () => Db {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.destroy());
  return () => ready(database, 'useTestDb').db;
}

/** useTestDb plus API services over it (`make`: e.g. adminServices for the admin tests). */
export function useTestServices(make: (db: Db) => ApiServices = testServices) {
  const db = useTestDb();
  let services: ApiServices | undefined;
  beforeAll(() => {
    services = make(db());
  });
  return { db, services: () => ready(services, 'useTestServices') };
}

/** A value a beforeAll hook sets: a clear error when a test module reads it too early. */
export function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what}: read before its beforeAll hook ran`);
  return value;
}
