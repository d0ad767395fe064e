import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/index';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import {
  insertDeployment,
  insertOrder,
  insertRunningInstance,
  insertUser,
  pgError,
} from '../src/testing/fixtures';

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.destroy());

describe('foreign keys', () => {
  it('deleting an instance deletes its deployments and their logs', async () => {
    const { instance } = await insertRunningInstance(db);
    const deployment = await insertDeployment(db, instance.id);
    await db
      .insertInto('deployment_logs')
      .values({
        deployment_id: deployment.id,
        seq: 0,
        ts: new Date(),
        stream: 'deploy',
        message: 'up',
      })
      .execute();
    await db
      .updateTable('instances')
      .set({ current_deployment_id: deployment.id })
      .where('id', '=', instance.id)
      .execute();

    await db.deleteFrom('instances').where('id', '=', instance.id).execute();

    const left = await db
      .selectFrom('deployment_logs')
      .select('id')
      .where('deployment_id', '=', deployment.id)
      .execute();
    expect(left).toEqual([]);
    const deployments = await db
      .selectFrom('deployments')
      .select('id')
      .where('instance_id', '=', instance.id)
      .execute();
    expect(deployments).toEqual([]);
  });

  it("deleting a deployment clears the instance's pointers to it", async () => {
    const { instance } = await insertRunningInstance(db);
    const deployment = await insertDeployment(db, instance.id);
    await db
      .updateTable('instances')
      .set({ current_deployment_id: deployment.id, last_good_deployment_id: deployment.id })
      .where('id', '=', instance.id)
      .execute();
    await db.deleteFrom('deployments').where('id', '=', deployment.id).execute();
    const after = await db
      .selectFrom('instances')
      .select(['current_deployment_id', 'last_good_deployment_id'])
      .where('id', '=', instance.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ current_deployment_id: null, last_good_deployment_id: null });
  });

  it('a user with billing history cannot be deleted; one without takes their sessions along', async () => {
    const buyer = await insertUser(db);
    await insertOrder(db, buyer.id);
    const error = await pgError(db.deleteFrom('user').where('id', '=', buyer.id).execute());
    expect(error).toMatchObject({ code: '23503', constraint: 'orders_user_id_fkey' });

    const visitor = await insertUser(db);
    await db
      .insertInto('session')
      .values({
        id: `s-${visitor.id}`,
        token: `t-${visitor.id}`,
        userId: visitor.id,
        expiresAt: new Date(Date.now() + 60_000),
        updatedAt: new Date(),
      })
      .execute();
    await db
      .insertInto('notifications')
      .values({ user_id: visitor.id, type: 'welcome', title: 'Hi', body: 'Welcome' })
      .execute();
    await db.deleteFrom('user').where('id', '=', visitor.id).execute();
    const sessions = await db
      .selectFrom('session')
      .where('userId', '=', visitor.id)
      .select('id')
      .execute();
    const notes = await db
      .selectFrom('notifications')
      .where('user_id', '=', visitor.id)
      .select('id')
      .execute();
    expect([sessions, notes]).toEqual([[], []]);
  });
});

describe('updated_at', () => {
  it('moves on every update while created_at stays', async () => {
    const { instance } = await insertRunningInstance(db);
    await sql`select pg_sleep(0.01)`.execute(db);
    const updated = await db
      .updateTable('instances')
      .set({ status: 'DEGRADED' })
      .where('id', '=', instance.id)
      .returning(['created_at', 'updated_at'])
      .executeTakeFirstOrThrow();
    expect(updated.created_at).toEqual(instance.created_at);
    expect(updated.updated_at.getTime()).toBeGreaterThan(instance.updated_at.getTime());
  });

  it('is maintained by a trigger on every table that has it', async () => {
    const { rows } = await sql<{ table_name: string; has_trigger: boolean }>`
      select c.table_name,
             exists (select 1 from pg_trigger t
                     where t.tgrelid = format('public.%I', c.table_name)::regclass
                       and t.tgfoid = 'set_updated_at'::regproc) as has_trigger
      from information_schema.columns c
      where c.table_schema = 'public' and c.column_name = 'updated_at'
      order by c.table_name
    `.execute(db);
    const ourTables = [
      'audit_log',
      'channel_credentials',
      'deployments',
      'instances',
      'invoices',
      'notification_preferences',
      'notifications',
      'orders',
      'payment_events',
      'refunds',
      'sandbox_trades',
      'subscriptions',
      'webhook_endpoints',
    ];
    expect(rows).toEqual(ourTables.map((table_name) => ({ table_name, has_trigger: true })));
  });
});
