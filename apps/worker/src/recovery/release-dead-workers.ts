import type { Db } from '@roundhouse/db';
import { sql } from 'kysely';
import { workerDb } from '../worker-tables';
import { holdConnection, livenessLockKey } from './liveness-lock';

export interface ReleasedWorkers {
  /** Pool ids judged dead and removed from worker_processes. */
  workerIds: string[];
  /** Jobs whose locks were released (they run again, counting the lost run as an attempt). */
  jobIds: string[];
}

/**
 * Releases job and queue locks held by worker processes that are gone, instead of leaving them to
 * graphile-worker's 4-hour lock timeout. A process is dead only when BOTH hold:
 * - its heartbeat is older than `staleMs` (a process merely reconnecting after a database restart
 *   re-locks within one beat), and
 * - its liveness lock is free (a live process with a blocked event loop still holds it).
 * A live worker's locks are therefore never touched. Locks held by pools that never registered
 * (e.g. `graphile-worker --once` from a shell) are left to graphile-worker as well.
 */
export async function releaseDeadWorkers(
  db: Db,
  options: { staleMs: number; selfId?: string },
): Promise<ReleasedWorkers> {
  const stale = await workerDb(db)
    .selectFrom('worker_processes')
    .select('id')
    .where('heartbeat_at', '<', sql<Date>`now() - make_interval(secs => ${options.staleMs / 1000})`)
    .$if(options.selfId !== undefined, (qb) => qb.where('id', '<>', options.selfId as string))
    .execute();
  if (stale.length === 0) return { workerIds: [], jobIds: [] };
  const held = await holdConnection(db);
  try {
    return await held.run(async (conn) => {
      const dead: string[] = [];
      for (const { id } of stale) {
        // Probing takes the lock if it is free; it is given back at once (same session).
        const { rows } = await sql<{ free: boolean }>`
          select pg_try_advisory_lock(${livenessLockKey(id)}) as free
        `.execute(conn);
        if (!rows[0]?.free) continue;
        dead.push(id);
        await sql`select pg_advisory_unlock(${livenessLockKey(id)})`.execute(conn);
      }
      if (dead.length === 0) return { workerIds: [], jobIds: [] };
      return conn.transaction().execute(async (trx) => {
        const jobs = await sql<{ id: string }>`
          select id::text as id from graphile_worker._private_jobs
          where locked_by = any(${dead}::text[]) for update
        `.execute(trx);
        await sql`select graphile_worker.force_unlock_workers(${dead}::text[])`.execute(trx);
        await workerDb(trx).deleteFrom('worker_processes').where('id', 'in', dead).execute();
        return { workerIds: dead, jobIds: jobs.rows.map((row) => row.id) };
      });
    });
  } finally {
    held.release();
  }
}
