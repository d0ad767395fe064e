import type { Kysely } from 'kysely';
import { createTable, dropTables, execute, oneOf } from './sql-helpers';

export async function up(db: Kysely<unknown>): Promise<void> {
  // actor_id has no FK: the trail must outlive the users and keys it names
  await createTable(
    db,
    'audit_log',
    `actor_type text not null ${oneOf('actor_type', ['USER', 'ADMIN', 'API_KEY', 'SYSTEM'])},
     actor_id text,
     action text not null,
     target_type text,
     target_id text,
     ip text,
     at timestamptz not null default now(),
     details jsonb not null default '{}'`,
  );
  await execute(
    db,
    'create index audit_log_at_idx on audit_log (at desc)',
    'create index audit_log_target_idx on audit_log (target_type, target_id)',
    'create index audit_log_actor_at_idx on audit_log (actor_id, at desc)',
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropTables(db, 'audit_log');
}
