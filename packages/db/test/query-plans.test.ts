import { INFLIGHT_DEPLOYMENT_STATUSES } from '@roundhouse/core';
import { type Explainable, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/index';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { insertDeployment, insertRunningInstance } from '../src/testing/fixtures';

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const { instance } = await insertRunningInstance(db);
  await insertDeployment(db, instance.id, { status: 'BUILDING' });
});
afterAll(() => database.destroy());

/** The plan Postgres picks when a sequential scan is the last resort (tables here are tiny). */
async function plan(query: (conn: Db) => Explainable): Promise<string> {
  return db.connection().execute(async (conn) => {
    await sql`set enable_seqscan = off`.execute(conn);
    try {
      const rows = await query(conn).explain();
      return rows.map((row) => String(row['QUERY PLAN'])).join('\n');
    } finally {
      await sql`reset enable_seqscan`.execute(conn);
    }
  });
}

it("the deployment monitor's in-flight scan uses the partial index", async () => {
  const inflight = (conn: Db) =>
    conn
      .selectFrom('deployments')
      .selectAll()
      .where('status', 'in', INFLIGHT_DEPLOYMENT_STATUSES)
      .orderBy('heartbeat_at');
  expect(await plan(inflight)).toMatch(/deployments_inflight_idx/);
});

it("a user's instance list uses (user_id, created_at desc)", async () => {
  const list = (conn: Db) =>
    conn
      .selectFrom('instances')
      .selectAll()
      .where('user_id', '=', 'some-user')
      .orderBy('created_at', 'desc')
      .limit(20);
  expect(await plan(list)).toMatch(/instances_user_created_idx/);
});
