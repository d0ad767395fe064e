import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, migrateToLatest } from '../src/index';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { insertOrder, insertUser } from '../src/testing/fixtures';

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.destroy());

describe('createDb', () => {
  it('reads bigint money and counts as numbers', async () => {
    const user = await insertUser(db);
    const order = await insertOrder(db, user.id, { amount_minor: 9_007_199_254 });
    expect(order.amount_minor).toBe(9_007_199_254);
    const { count } = await db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(count).toBe(1);
  });

  it('fails a query rather than round an int8 beyond 2^53', async () => {
    const query = sql`select 9007199254740993::bigint as n`.execute(db);
    await expect(query).rejects.toThrow(/outside JavaScript's safe integer range/);
    // the connection is still usable afterwards
    const { rows } = await sql<{ n: number }>`select 1::bigint as n`.execute(db);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('names the application in pg_stat_activity', async () => {
    const { rows } = await sql<{ name: string }>`
      select current_setting('application_name') as name
    `.execute(db);
    expect(rows[0]?.name).toMatch(/^rh_test_/);
  });

  it('migrateToLatest refuses a Kysely instance it did not create', async () => {
    const foreign = new Kysely({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url }) }),
    }) as unknown as Db;
    await expect(migrateToLatest(foreign)).rejects.toThrow('created by createDb()');
    await foreign.destroy();
  });
});
