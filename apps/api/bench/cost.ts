import { readFile } from 'node:fs/promises';
import type { Db } from '@roundhouse/db';
import { sql } from 'kysely';
import { round2 } from './results';

/**
 * What a load run cost, per answered request: CPU of the API server's processes (api-process.ts:
 * the primary and its workers, from /proc), of Postgres's backends serving the bench database,
 * and the database transactions (a query outside BEGIN…COMMIT is one). On a shared 2-core machine
 * latency follows the other load; these don't, so they are what tells whether a change made the
 * server cheaper.
 */
export interface RunCost {
  /** Null without /proc access to the server's processes. */
  serverCpuMsPerRequest: number | null;
  /** Null when Postgres runs where /proc can't see it (a remote DATABASE_URL). */
  dbCpuMsPerRequest: number | null;
  dbTransactionsPerRequest: number;
}

interface DbSnapshot {
  /** CPU ms by backend pid; null without /proc access. */
  dbCpuMs: Map<number, number> | null;
  transactions: number;
}

/**
 * Starts counting; the returned function stops and divides by the requests answered meanwhile.
 * `serverPids`: the API's processes at the moment of asking (a replaced worker counts too).
 */
export async function startCost(
  db: Db,
  serverPids: () => number[],
): Promise<(requests: number) => Promise<RunCost>> {
  const serverBefore = await processesCpuMs(serverPids());
  const before = await snapshot(db);
  return async (requests) => {
    const serverAfter = await processesCpuMs(serverPids());
    // Backends report their counters when idle, at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const after = await snapshot(db);
    const per = (value: number | null) =>
      value === null ? null : round2(value / Math.max(1, requests));
    return {
      serverCpuMsPerRequest: per(cpuSince(serverBefore, serverAfter)),
      dbCpuMsPerRequest: per(cpuSince(before.dbCpuMs, after.dbCpuMs)),
      // The snapshot's own query is one transaction.
      dbTransactionsPerRequest: round2(
        (after.transactions - before.transactions - 1) / Math.max(1, requests),
      ),
    };
  };
}

/** CPU ms the processes used between two readings; those that started meanwhile count from 0. */
function cpuSince(
  before: Map<number, number> | null,
  after: Map<number, number> | null,
): number | null {
  if (before === null || after === null) return null;
  return [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);
}

async function snapshot(db: Db): Promise<DbSnapshot> {
  const { rows } = await sql<{ transactions: string; pids: number[] }>`
    select (select xact_commit + xact_rollback from pg_stat_database
             where datname = current_database()) as transactions,
           (select array_agg(pid) from pg_stat_activity
             where datname = current_database()) as pids`.execute(db);
  const row = rows[0]!;
  return {
    dbCpuMs: await processesCpuMs(row.pids),
    transactions: Number(row.transactions),
  };
}

/** utime + stime of each process, from /proc (clock ticks of 10 ms on Linux). */
async function processesCpuMs(pids: number[]): Promise<Map<number, number> | null> {
  try {
    const cpu = new Map<number, number>();
    for (const pid of pids) {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    }
    return cpu;
  } catch {
    return null;
  }
}
