import type { Db } from '@roundhouse/db';
import { sql } from 'kysely';

/**
 * A worker process proves it is alive by holding a session-level advisory lock keyed by its pool
 * id. Postgres drops the lock with the session, so a process killed with SIGKILL (its socket
 * closed by the kernel) loses it at once, while a live process that is merely slow keeps it.
 */
export function livenessLockKey(workerId: string) {
  return sql`hashtextextended(${`roundhouse:worker:${workerId}`}, 0)`;
}

export interface HeldConnection {
  run<T>(fn: (conn: Db) => Promise<T>): Promise<T>;
  release(): void;
}

/**
 * Checks out one pool connection and keeps it until `release()`: session state such as an
 * advisory lock lives on a connection, so it must not go back to the pool while held.
 */
export function holdConnection(db: Db): Promise<HeldConnection> {
  return new Promise((resolve, reject) => {
    db.connection()
      .execute(
        (conn) =>
          new Promise<void>((release) => {
            resolve({ run: (fn) => fn(conn as Db), release });
          }),
      )
      .catch(reject);
  });
}
