import type { Kysely } from 'kysely';
import { createTable, dropTables, execute } from './sql-helpers';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createTable(
    db,
    'notifications',
    `user_id text not null references "user" (id) on delete cascade,
     type text not null,
     title text not null,
     body text not null,
     data jsonb not null default '{}',
     read_at timestamptz,
     email_sent_at timestamptz,
     webhook_sent_at timestamptz`,
  );
  await createTable(
    db,
    'webhook_endpoints',
    `user_id text not null references "user" (id) on delete cascade,
     url text not null,
     secret_ciphertext text not null,
     secret_key_version text not null,
     events text[] not null default '{}',
     enabled boolean not null default true,
     description text,
     failure_count integer not null default 0 check (failure_count >= 0),
     last_delivery_at timestamptz`,
  );
  await execute(
    db,
    'create index notifications_user_created_idx on notifications (user_id, created_at desc)',
    // the unread badge and "mark all read"
    `create index notifications_user_unread_idx on notifications (user_id, created_at desc)
       where read_at is null`,
    'create index webhook_endpoints_user_idx on webhook_endpoints (user_id)',
    // key rotation report / re-encryption batches
    'create index webhook_endpoints_key_version_idx on webhook_endpoints (secret_key_version)',
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropTables(db, 'webhook_endpoints', 'notifications');
}
