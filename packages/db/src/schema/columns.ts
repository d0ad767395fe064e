import type { ColumnType, Generated } from 'kysely';

/**
 * Column shapes shared by the table interfaces. They encode who writes a column: the database
 * (defaults, triggers) or the app, so `Insertable`/`Updateable` reject writes that would be lost.
 */

/** `uuid primary key default gen_random_uuid()`. */
export type UuidId = Generated<string>;

/** `timestamptz` the app writes; read back as a Date. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** `timestamptz` with a database default that the app may still set or change. */
export type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** `created_at`: defaulted on insert (settable for backfills and tests), never updated. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/**
 * `updated_at`: maintained by the `set_updated_at` trigger, which overwrites whatever an UPDATE
 * sets, so the type forbids setting it.
 */
export type UpdatedAt = ColumnType<Date, Date | string | undefined, never>;

/**
 * `jsonb` holding an object. Reads are `Record<string, unknown>` (or the given shape) so callers
 * parse before trusting; writes take any object because pg serialises objects with
 * JSON.stringify. Top-level arrays are not allowed: pg would send them as Postgres arrays.
 */
export type Jsonb<T = Record<string, unknown>> = ColumnType<T, object, object>;
export type NullableJsonb<T = Record<string, unknown>> = ColumnType<
  T | null,
  object | null | undefined,
  object | null
>;
/** `jsonb not null default '{}'`. */
export type DefaultJsonb<T = Record<string, unknown>> = ColumnType<T, object | undefined, object>;
