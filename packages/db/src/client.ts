import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { roundhouseTypes } from './pg-types';
import type { Database } from './schema/database';

export type Db = Kysely<Database>;
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

export interface CreateDbOptions {
  /** Pool size (default 10). */
  max?: number;
  /** Shown in pg_stat_activity, so a stuck query names its process. */
  applicationName?: string;
}

/**
 * The pg pool behind each Db, for the few operations Kysely cannot express: a dedicated
 * connection for the migration lock, and graphile-worker's migrator (which wants a pg Pool).
 */
const pools = new WeakMap<Db, pg.Pool>();

export function createDb(url: string, opts: CreateDbOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: opts.applicationName,
    types: roundhouseTypes,
  });
  // A client whose server connection dies (restart, pg_terminate_backend) emits 'error'; with no
  // listener that crashes the process. The pool drops broken idle clients, and a checked-out
  // one fails its next query, so the failure still surfaces where it matters.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new TypeError('Expected a Db created by createDb() from @roundhouse/db');
  return pool;
}
