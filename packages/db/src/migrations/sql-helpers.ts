import { type Kysely, sql } from 'kysely';

/**
 * Building blocks the migrations share. Migrations are history: once a migration that uses a
 * helper has shipped, the helper's output must never change. Add a new helper instead.
 */

/** Columns every one of our tables starts and ends with. */
export const ID_COLUMN = 'id uuid primary key default gen_random_uuid()';
export const TIMESTAMP_COLUMNS =
  'created_at timestamptz not null default now(),\n  updated_at timestamptz not null default now()';

/** Runs DDL statements in order (each its own statement, so an error names the one that failed). */
export async function execute(db: Kysely<unknown>, ...statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** `create table` with our id first and the timestamps last, plus the updated_at trigger. */
export async function createTable(
  db: Kysely<unknown>,
  table: string,
  columns: string,
): Promise<void> {
  await execute(
    db,
    `create table ${table} (\n  ${ID_COLUMN},\n  ${columns.trim()},\n  ${TIMESTAMP_COLUMNS}\n)`,
    `create trigger ${table}_set_updated_at before update on ${table}
     for each row execute function set_updated_at()`,
  );
}

/** `check (column in ('A', 'B'))` from a literal list written in the migration. */
export function oneOf(column: string, values: readonly string[]): string {
  return `check (${column} in (${values.map((value) => `'${value}'`).join(', ')}))`;
}

export async function dropTables(db: Kysely<unknown>, ...tables: string[]): Promise<void> {
  await execute(db, ...tables.map((table) => `drop table if exists ${table}`));
}
