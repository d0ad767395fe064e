import {
  type JobName,
  type JobPayload,
  jobContracts,
  parseJobPayload,
  ResourceError,
} from '@roundhouse/core';
import { sql } from 'kysely';
import type { DbOrTrx } from './client';

export interface EnqueueOptions {
  /** Idempotency key: a pending job with the same key is updated instead of added again. */
  jobKey?: string;
  /** graphile-worker's job_key_mode (default 'replace'). */
  jobKeyMode?: 'replace' | 'preserve_run_at' | 'unsafe_dedupe';
  /** Jobs in one named queue run one at a time. */
  queueName?: string;
  runAt?: Date;
  maxAttempts?: number;
  priority?: number;
}

/**
 * Adds a graphile-worker job through `graphile_worker.add_job` on `trx`, so the job exists only
 * if the caller's transaction commits. The payload is checked against the job contract first:
 * a bad payload throws (ResourceError, reason INVALID) and nothing is added. Returns the job id.
 */
export async function enqueue<N extends JobName>(
  trx: DbOrTrx,
  task: N,
  payload: JobPayload<N>,
  opts: EnqueueOptions = {},
): Promise<string> {
  const parsed = validPayload(task, payload);
  const args = [sql`identifier => ${task}::text`, sql`payload => ${JSON.stringify(parsed)}::json`];
  if (opts.queueName !== undefined) args.push(sql`queue_name => ${opts.queueName}::text`);
  if (opts.runAt !== undefined) args.push(sql`run_at => ${opts.runAt}::timestamptz`);
  if (opts.maxAttempts !== undefined) args.push(sql`max_attempts => ${opts.maxAttempts}::int`);
  if (opts.jobKey !== undefined) args.push(sql`job_key => ${opts.jobKey}::text`);
  if (opts.priority !== undefined) args.push(sql`priority => ${opts.priority}::int`);
  if (opts.jobKeyMode !== undefined) args.push(sql`job_key_mode => ${opts.jobKeyMode}::text`);
  // add_job first clears the key of a locked (running) job with the same key, then upserts; a
  // worker that locks the keyed job between those two statements makes the upsert skip it and
  // add_job return an all-null row. Asking again then sees the lock and adds a fresh job.
  for (let attempt = 1; attempt <= ADD_JOB_ATTEMPTS; attempt++) {
    const { rows } = await sql<{ id: string | null }>`
      select id::text as id from graphile_worker.add_job(${sql.join(args)})
    `.execute(trx);
    const id = rows[0]?.id;
    if (id) return id;
  }
  throw new ResourceError(`graphile_worker.add_job added no "${task}" job`, { reason: 'CONFLICT' });
}

const ADD_JOB_ATTEMPTS = 3;

function validPayload<N extends JobName>(task: N, payload: unknown): JobPayload<N> {
  if (!Object.hasOwn(jobContracts, task)) {
    throw new ResourceError(`Unknown job "${String(task)}"`, { reason: 'INVALID' });
  }
  try {
    return parseJobPayload(task, payload);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ResourceError(`Invalid payload for job "${task}": ${message}`, {
      reason: 'INVALID',
      cause: error,
    });
  }
}
