import { hostname } from 'node:os';
import type { Db } from '@roundhouse/db';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { workerDb } from '../worker-tables';
import { type HeldConnection, holdConnection, livenessLockKey } from './liveness-lock';

export interface WorkerRegistryOptions {
  db: Db;
  logger: Logger;
  /** graphile-worker's pool id (what it writes into `locked_by`). */
  workerId: string;
}

/**
 * This process's row in worker_processes: its liveness lock plus a heartbeat, both on one held
 * connection, so a heartbeat that succeeded proves the lock is held. If that connection breaks
 * (database restart), the next beat takes a fresh one and the lock again.
 */
export class WorkerRegistration {
  private held: HeldConnection | undefined;
  private inFlight: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: WorkerRegistryOptions) {}

  get workerId(): string {
    return this.options.workerId;
  }

  /** Takes the lock and writes the row; throws when the database is unreachable. */
  async register(): Promise<void> {
    await this.beat();
  }

  /**
   * Refreshes heartbeat_at; reconnects and re-locks first when the held connection is gone. A
   * beat still in flight is joined rather than overlapped (one held connection, one lock).
   */
  beat(): Promise<void> {
    this.inFlight ??= this.beatOnce().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async beatOnce(): Promise<void> {
    if (this.stopped) return;
    try {
      const held = (this.held ??= await this.lockedConnection());
      await held.run((conn) =>
        workerDb(conn)
          .insertInto('worker_processes')
          .values({ id: this.workerId, hostname: hostname(), pid: process.pid })
          .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeat_at: sql`now()` }))
          .execute(),
      );
    } catch (error) {
      this.dropConnection();
      throw error;
    }
  }

  /** Deletes the row and frees the lock (after the pool released all its jobs). */
  async unregister(): Promise<void> {
    this.stopped = true;
    await this.inFlight?.catch(() => {});
    const held = this.held;
    this.held = undefined;
    if (!held) return;
    try {
      await held.run(async (conn) => {
        await workerDb(conn)
          .deleteFrom('worker_processes')
          .where('id', '=', this.workerId)
          .execute();
        await sql`select pg_advisory_unlock(${livenessLockKey(this.workerId)})`.execute(conn);
      });
    } finally {
      held.release();
    }
  }

  private async lockedConnection(): Promise<HeldConnection> {
    const held = await holdConnection(this.options.db);
    try {
      const { rows } = await held.run((conn) =>
        sql<{ locked: boolean }>`
          select pg_try_advisory_lock(${livenessLockKey(this.workerId)}) as locked
        `.execute(conn),
      );
      // Only a sweeper's momentary probe can hold it; the next beat tries again.
      if (!rows[0]?.locked) throw new Error(`liveness lock of ${this.workerId} is busy`);
      return held;
    } catch (error) {
      held.release();
      throw error;
    }
  }

  private dropConnection(): void {
    const held = this.held;
    this.held = undefined;
    if (!held) return;
    // A session lock must not ride back into the pool on a healthy connection.
    held
      .run((conn) =>
        sql`select pg_advisory_unlock(${livenessLockKey(this.workerId)})`.execute(conn),
      )
      .catch(() => {})
      .finally(() => held.release());
    this.options.logger.warn({ workerId: this.workerId }, 'worker heartbeat failed; reconnecting');
  }
}
