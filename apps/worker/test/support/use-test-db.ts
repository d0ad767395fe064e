import type { Db } from '@roundhouse/db';
import { createTestDatabase, type TestDatabase } from '@roundhouse/db/testing';
import { createSimulator, type Simulator } from '@roundhouse/railway-sdk/simulator';
import { afterAll, beforeAll } from 'vitest';
import {
  startWorkerHarness,
  type WorkerHarness,
  type WorkerHarnessOptions,
} from './worker-harness';

/**
 * The set-up most worker test files share, registered as the calling file's beforeAll/afterAll
 * hooks. Getters, because what they return exists only once the hooks have run.
 */

/** A migrated test database for the file. */
export function useTestDb() {
  let testDb: TestDatabase | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb?.destroy());
  const current = () => ready(testDb, 'useTestDb');
  return { testDb: current, db: (): Db => current().db };
}

/** A test database and a simulator (manual clock unless told), made side by side. */
export function useTestDbAndSim(clock: 'manual' | 'real' = 'manual') {
  let made: [TestDatabase, Simulator] | undefined;
  beforeAll(async () => {
    made = await Promise.all([createTestDatabase(), createSimulator({ clock })]);
  });
  afterAll(async () => {
    await Promise.all([made?.[1].close(), made?.[0].destroy()]);
  });
  const current = () => ready(made, 'useTestDbAndSim');
  return {
    testDb: () => current()[0],
    db: (): Db => current()[0].db,
    sim: () => current()[1],
  };
}

type HarnessOptions = Omit<WorkerHarnessOptions, 'db' | 'sim'>;

/**
 * useTestDbAndSim plus a worker harness over them, stopped before they close. `options` may be
 * a function of the database and simulator, for overrides built on them.
 */
export function useWorkerHarness(
  options: HarnessOptions | ((made: { testDb: TestDatabase; sim: Simulator }) => HarnessOptions),
) {
  const { testDb, db, sim } = useTestDbAndSim();
  let harness: WorkerHarness | undefined;
  beforeAll(async () => {
    const made = { testDb: testDb(), sim: sim() };
    const chosen = typeof options === 'function' ? options(made) : options;
    harness = await startWorkerHarness({ ...chosen, db: made.testDb, sim: made.sim });
  });
  // Registered after useTestDbAndSim's, so it runs before the database and simulator close.
  afterAll(() => harness?.stop());
  return { testDb, db, sim, harness: () => ready(harness, 'useWorkerHarness') };
}

/** A value a beforeAll hook sets: a clear error when a test module reads it too early. */
function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what}: read before its beforeAll hook ran`);
  return value;
}
