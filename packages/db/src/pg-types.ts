import pg from 'pg';

/**
 * Type parsing for our pools. pg returns int8 (`bigint`, `count(*)`, `sum(int)`) as a string by
 * default; we read it as a JS number, which is exact up to 2^53 - 1 (money in minor units, log
 * offsets and row counts stay far below that). A value beyond that range fails the query loudly
 * instead of being rounded. `numeric` (e.g. `sum(bigint)`) stays a string: cast it (`::bigint`)
 * when you want a number. Only our pools get this: graphile-worker's pools keep pg's defaults.
 */
const INT8_OID = 20;

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`int8 value ${text} is outside JavaScript's safe integer range`);
  }
  return value;
}

export const roundhouseTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};
