import type { Db, DbOrTrx } from '@roundhouse/db';
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { Database } from '@roundhouse/db';

/**
 * Tables of migration 0008 that only the worker reads and writes. They are typed here rather than
 * in @roundhouse/db's `Database` so the worker's storage stays next to the code that owns it.
 */
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface WorkerProcessesTable {
  /** graphile-worker's pool id: the value it writes into `locked_by`. */
  id: string;
  hostname: string;
  pid: number;
  started_at: Stamp;
  heartbeat_at: Stamp;
}

export interface EmailOutboxTable {
  id: Generated<string>;
  notification_id: string | null;
  to_address: string;
  from_address: string;
  subject: string;
  text_body: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  notification_id: string;
  endpoint_id: string;
  attempts: Generated<number>;
  response_status: number | null;
  last_error: string | null;
  last_attempt_at: Stamp;
  /** Set once an attempt got a 2xx. */
  delivered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface WorkerDatabase extends Database {
  worker_processes: WorkerProcessesTable;
  email_outbox: EmailOutboxTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

export type WorkerDbOrTrx = Kysely<WorkerDatabase> | Transaction<WorkerDatabase>;

/** The same connection, typed with the worker's tables as well (a type-level view, no copy). */
export function workerDb(db: Db): Kysely<WorkerDatabase>;
export function workerDb(db: DbOrTrx): WorkerDbOrTrx;
export function workerDb(db: DbOrTrx): WorkerDbOrTrx {
  return db as unknown as WorkerDbOrTrx;
}
