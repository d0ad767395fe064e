import { ResourceError } from '@roundhouse/core';
import { type RawBuilder, sql, type SqlBool } from 'kysely';

/**
 * Building blocks of the admin lists: keyset pagination and LIKE patterns.
 *
 * Keyset ("seek") pagination: A page ends with an opaque cursor holding the
 * last row's sort key and id; the next page asks for rows strictly after that pair in sort
 * order. Unlike offsets, rows inserted or deleted meanwhile never shift a page, so paging
 * yields no duplicates and skips no row that existed throughout. The sort key travels as text
 * rendered by Postgres (timestamps with microseconds, which a JS Date would round away).
 */

export type SortDirection = 'asc' | 'desc';

/** How a sort column is rendered into the cursor and cast back when seeking. */
export type KeyType = 'timestamptz' | 'text';

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface Keyset {
  /** Qualified column to sort by, e.g. `i.created_at`. */
  sort: string;
  sortType: KeyType;
  /** Qualified unique tie-breaker, e.g. `i.id`. */
  id: string;
  idType: 'uuid' | 'text';
  direction: SortDirection;
}

interface Cursor {
  key: string;
  id: string;
}

const TIMESTAMP_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CURSOR_LENGTH = 1_000;

/**
 * The sort key as the text a cursor carries; select it `as('sort_key')`. It is prefixed with
 * the order it belongs to, so a cursor can't be replayed against another sort or direction.
 */
export function sortKey(keyset: Keyset): RawBuilder<string> {
  const column = sql.ref(keyset.sort);
  const key =
    keyset.sortType === 'timestamptz'
      ? sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
      : sql<string>`${column}::text`;
  return sql<string>`${orderTag(keyset)}::text || ${key}`;
}

/** `(sort, id) < (key, id)` (or `>` ascending): rows after the cursor, served by a composite index. */
export function afterCursor(keyset: Keyset, cursor: string): RawBuilder<SqlBool> {
  const { key, id } = decodeCursor(keyset, cursor);
  const op = sql.raw(keyset.direction === 'desc' ? '<' : '>');
  return sql<SqlBool>`(${sql.ref(keyset.sort)}, ${sql.ref(keyset.id)}) ${op} (cast(${key} as ${sql.raw(
    keyset.sortType,
  )}), cast(${id} as ${sql.raw(keyset.idType)}))`;
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only tells that another page exists.
 * Rows carry `sort_key` (from `sortKey`) and `id`.
 */
export function toPage<R extends { sort_key: string; id: string }, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): Page<T> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(map),
    nextCursor: rows.length > limit && last ? encodeCursor(last.sort_key, last.id) : null,
  };
}

function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id]), 'utf8').toString('base64url');
}

function orderTag(keyset: Keyset): string {
  return `${keyset.sort} ${keyset.direction}|`;
}

function decodeCursor(keyset: Keyset, cursor: string): Cursor {
  const parsed = cursor.length <= MAX_CURSOR_LENGTH ? parseJson(cursor) : undefined;
  const tag = orderTag(keyset);
  if (Array.isArray(parsed) && parsed.length === 2) {
    const [tagged, id] = parsed as unknown[];
    if (typeof tagged === 'string' && tagged.startsWith(tag) && typeof id === 'string') {
      const key = tagged.slice(tag.length);
      if (valid(keyset, key, id)) return { key, id };
    }
  }
  // A cursor from another list or sort order would seek to a meaningless place: refuse it.
  throw new ResourceError('Invalid cursor: pass back the nextCursor of the previous page', {
    reason: 'INVALID',
  });
}

function valid(keyset: Keyset, key: string, id: string): boolean {
  if (keyset.sortType === 'timestamptz' && !TIMESTAMP_KEY.test(key)) return false;
  if (keyset.idType === 'uuid' && !UUID.test(id)) return false;
  return key.length > 0 && id.length > 0;
}

function parseJson(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** `%text%` for ILIKE, with the wildcards and the escape character in `text` taken literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** `text%` for LIKE: everything starting with `text`. */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
