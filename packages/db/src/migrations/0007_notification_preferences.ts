import type { Kysely } from 'kysely';
import { createTable, dropTables } from './sql-helpers';

/**
 * Per-user email opt-outs by notification category. A missing row means "on" (the default), so
 * users who never opened the settings page need no rows. `category` has no CHECK list on
 * purpose: like channel_credentials.channel it is an open set that grows with notification
 * types, validated by the code that writes it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTable(
    db,
    'notification_preferences',
    `user_id text not null references "user" (id) on delete cascade,
     category text not null,
     email boolean not null,
     unique (user_id, category)`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropTables(db, 'notification_preferences');
}
