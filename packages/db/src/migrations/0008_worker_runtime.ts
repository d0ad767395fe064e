import type { Kysely } from 'kysely';
import { dropTables, execute, ID_COLUMN } from './sql-helpers';

/**
 * Storage of the worker's runtime:
 * - worker_processes: one row per running graphile-worker pool (its id is what graphile writes
 *   into `locked_by`), with a heartbeat. A restarted worker finds pools that stopped beating and
 *   releases their job locks at once instead of waiting graphile-worker's 4 hours.
 * - email_outbox: where emails go when no SMTP_URL is configured (development), so they can be
 *   read back instead of being lost.
 * - webhook_deliveries: the outcome of each notification's delivery to each endpoint. A retried
 *   send_notification skips endpoints that already accepted it, so nobody receives an event twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execute(
    db,
    `create table worker_processes (
       id text primary key,
       hostname text not null,
       pid integer not null,
       started_at timestamptz not null default now(),
       heartbeat_at timestamptz not null default now()
     )`,
  );
  // Both tables are written by the worker alone and carry their own event times; neither has the
  // updated_at trigger: outbox rows never change, a delivery row records its last attempt itself.
  await execute(
    db,
    `create table email_outbox (
       ${ID_COLUMN},
       notification_id uuid references notifications (id) on delete set null,
       to_address text not null,
       from_address text not null,
       subject text not null,
       text_body text not null,
       created_at timestamptz not null default now()
     )`,
    `create table webhook_deliveries (
       ${ID_COLUMN},
       notification_id uuid not null references notifications (id) on delete cascade,
       endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
       attempts integer not null default 0 check (attempts >= 0),
       response_status integer,
       last_error text,
       last_attempt_at timestamptz not null default now(),
       -- set once an attempt got a 2xx; a retried job skips the endpoint from then on
       delivered_at timestamptz,
       created_at timestamptz not null default now(),
       unique (notification_id, endpoint_id)
     )`,
  );
  await execute(
    db,
    'create index email_outbox_created_idx on email_outbox (created_at desc)',
    'create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, created_at desc)',
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropTables(db, 'webhook_deliveries', 'email_outbox', 'worker_processes');
}
