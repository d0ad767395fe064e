import type { Db } from '@roundhouse/db';
import { sql } from 'kysely';

export interface HealthReport {
  ok: boolean;
  runner: boolean;
  database: boolean;
}

const DB_TIMEOUT_MS = 2_000;

/** Alive = the job runner is running and the database answers within a short timeout. */
export async function checkHealth(input: {
  db: Db;
  runnerAlive: () => boolean;
}): Promise<HealthReport> {
  const runner = input.runnerAlive();
  const database = await databaseAnswers(input.db);
  return { ok: runner && database, runner, database };
}

async function databaseAnswers(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>(
    (resolve) => (timer = setTimeout(() => resolve(false), DB_TIMEOUT_MS)),
  );
  try {
    const query = sql`select 1`.execute(db).then(
      () => true,
      () => false,
    );
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
