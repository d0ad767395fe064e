import { readFile } from 'node:fs/promises';
import type { Db } from '@roundhouse/db';
import { sql } from 'kysely';
import { round2 } from './results';

/**
 * What a load run cost, per answered request: CPU of the API server (this process), of
 * Postgres's backends serving the bench database, and the database transactions (a query outside
 * BEGIN…COMMIT is one). On a shared 2-core machine latency follows the other load; these don't,
 * so they are what tells whether a change made the server cheaper.
 */
export interface RunCost {
  serverCpuMsPerRequest: number;
  /** Null when Postgres runs where /proc can't see it (a remote DATABASE_URL). */
  dbCpuMsPerRequest: number | null;
  dbTransactionsPerRequest: number;
}

interface Snapshot {
  server: NodeJS.CpuUsage;
  /** CPU ms by backend pid; null without /proc access. */
  dbCpuMs: Map<number, number> | null;
  transactions: number;
}

/** Starts counting; the returned function stops and divides by the requests answered meanwhile. */
export async function startCost(db: Db): Promise<(requests: number) => Promise<RunCost>> {
  const before = await snapshot(db, process.cpuUsage());
  return async (requests) => {
    const server = process.cpuUsage(before.server);
    // Backends report their counters when idle, at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const after = await snapshot(db, server);
    const per = (value: number) => round2(value / Math.max(1, requests));
    return {
      serverCpuMsPerRequest: per((server.user + server.system) / 1000),
      dbCpuMsPerRequest:
        after.dbCpuMs === null || before.dbCpuMs === null
          ? null
          : per(
              // Backends that started during the run count from zero.
              [...after.dbCpuMs].reduce(
                (sum, [pid, ms]) => sum + ms - (before.dbCpuMs?.get(pid) ?? 0),
                0,
              ),
            ),
      // The snapshot's own query is one transaction.
      dbTransactionsPerRequest: per(after.transactions - before.transactions - 1),
    };
  };
}

async function snapshot(db: Db, server: NodeJS.CpuUsage): Promise<Snapshot> {
  const { rows } = await sql<{ transactions: string; pids: number[] }>`
    select (select xact_commit + xact_rollback from pg_stat_database
             where datname = current_database()) as transactions,
           (select array_agg(pid) from pg_stat_activity
             where datname = current_database()) as pids`.execute(db);
  const row = rows[0]!;
  return {
    server,
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
