import type { Kysely } from 'kysely';
import { execute } from './sql-helpers';

/**
 * The one trigger function behind every `updated_at` column of our tables (better-auth keeps its
 * own "updatedAt"). A trigger rather than app code so that no UPDATE path can forget it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execute(
    db,
    `create function set_updated_at() returns trigger language plpgsql as $$
     begin
       new.updated_at := now();
       return new;
     end
     $$`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execute(db, 'drop function if exists set_updated_at()');
}
