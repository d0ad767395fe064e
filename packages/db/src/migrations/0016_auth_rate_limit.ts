import type { Kysely } from 'kysely';
import { dropTables, execute } from './sql-helpers';

/**
 * better-auth's rate-limit counters in Postgres (its `rateLimit` model, storage 'database'), as
 * its migrator would create the table: with several API processes (API_WORKERS, replicas) the
 * sign-in limit is one budget per client address, not one per process. `lastRequest` is epoch
 * milliseconds; better-auth prunes rows older than its longest window by it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execute(
    db,
    `create table "rateLimit" (
      "id" text primary key,
      "key" text not null unique,
      "count" integer not null,
      "lastRequest" bigint not null
    )`,
    `create index "rateLimit_lastRequest_idx" on "rateLimit" ("lastRequest")`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropTables(db, '"rateLimit"');
}
