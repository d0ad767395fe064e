import type { Db } from '@roundhouse/db';
import { sql } from 'kysely';

export interface JobRow {
  id: string;
  task_identifier: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  last_error: string | null;
}

/** The graphile-worker job row (undefined once it completed and was deleted). */
export async function jobRow(db: Db, jobId: string): Promise<JobRow | undefined> {
  const { rows } = await sql<JobRow>`
    select id::text as id, task_identifier, attempts, max_attempts, locked_by, last_error
    from graphile_worker.jobs where id = ${jobId}::bigint
  `.execute(db);
  return rows[0];
}

/** Marks a job as taken by `workerId`, as graphile's get_job does. */
export async function lockJob(db: Db, jobId: string, workerId: string): Promise<void> {
  await sql`
    update graphile_worker._private_jobs
    set locked_by = ${workerId}, locked_at = now(), attempts = attempts + 1
    where id = ${jobId}::bigint
  `.execute(db);
}

/** The id of the pending job with this job key. */
export async function jobIdByKey(db: Db, key: string): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    select id::text as id from graphile_worker.jobs where key = ${key}
  `.execute(db);
  const id = rows[0]?.id;
  if (id === undefined) throw new Error(`no job with key ${key}`);
  return id;
}
