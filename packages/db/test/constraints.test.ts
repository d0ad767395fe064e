import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/index';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import {
  insertDeployment,
  insertInstance,
  insertOrder,
  insertRunningInstance,
  insertSubscription,
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

const UNIQUE_VIOLATION = '23505';
const CHECK_VIOLATION = '23514';

describe('unique constraints the flows rely on', () => {
  it('out_trade_no identifies one order', async () => {
    const user = await insertUser(db);
    const order = await insertOrder(db, user.id);
    const error = await pgError(
      insertOrder(db, user.id, { plan: 'PRO', out_trade_no: order.out_trade_no }),
    );
    expect(error).toMatchObject({ code: UNIQUE_VIOLATION, constraint: 'orders_out_trade_no_key' });
  });

  it('a provider transaction pays one order, per provider', async () => {
    const user = await insertUser(db);
    await insertOrder(db, user.id, { provider: 'ALIPAY', provider_txn_id: 'T1', status: 'PAID' });
    const error = await pgError(
      insertOrder(db, user.id, { provider: 'ALIPAY', provider_txn_id: 'T1', status: 'PAID' }),
    );
    expect(error).toMatchObject({
      code: UNIQUE_VIOLATION,
      constraint: 'orders_provider_provider_txn_id_key',
    });
    // the same id from another provider is a different transaction
    await insertOrder(db, user.id, {
      provider: 'WECHATPAY',
      provider_txn_id: 'T1',
      status: 'PAID',
    });
  });

  it('a payment notification is recorded once per provider and event key', async () => {
    const event = {
      provider: 'STRIPE' as const,
      event_key: 'evt_1',
      verified: true,
      raw_body: '{}',
      headers: { 'stripe-signature': '[redacted]' },
    };
    await db.insertInto('payment_events').values(event).execute();
    const error = await pgError(db.insertInto('payment_events').values(event).execute());
    expect(error).toMatchObject({
      code: UNIQUE_VIOLATION,
      constraint: 'payment_events_provider_event_key_key',
    });
    await db
      .insertInto('payment_events')
      .values({ ...event, provider: 'ALIPAY' })
      .execute();
  });

  it('out_request_no identifies one refund', async () => {
    const user = await insertUser(db);
    const order = await insertOrder(db, user.id, { status: 'PAID' });
    const refund = {
      order_id: order.id,
      amount_minor: 100,
      currency: 'CNY' as const,
      out_request_no: 'R-1',
    };
    await db.insertInto('refunds').values(refund).execute();
    const error = await pgError(db.insertInto('refunds').values(refund).execute());
    expect(error).toMatchObject({
      code: UNIQUE_VIOLATION,
      constraint: 'refunds_out_request_no_key',
    });
  });

  it('a user has at most one CREATED order per plan', async () => {
    const user = await insertUser(db);
    const open = await insertOrder(db, user.id, { plan: 'PRO' });
    const error = await pgError(insertOrder(db, user.id, { plan: 'PRO' }));
    expect(error).toMatchObject({
      code: UNIQUE_VIOLATION,
      constraint: 'orders_one_created_per_user_plan',
    });
    await insertOrder(db, user.id, { plan: 'BASIC' });
    await db.updateTable('orders').set({ status: 'CLOSED' }).where('id', '=', open.id).execute();
    await insertOrder(db, user.id, { plan: 'PRO' });
  });

  it('a subscription has at most one live instance', async () => {
    const { subscription, instance } = await insertRunningInstance(db);
    const error = await pgError(insertInstance(db, subscription));
    expect(error).toMatchObject({
      code: UNIQUE_VIOLATION,
      constraint: 'instances_one_live_per_subscription',
    });
    await db
      .updateTable('instances')
      .set({ status: 'DELETED' })
      .where('id', '=', instance.id)
      .execute();
    await insertInstance(db, subscription);
  });

  it('a deployment log offset is stored once', async () => {
    const { instance } = await insertRunningInstance(db);
    const deployment = await insertDeployment(db, instance.id);
    const line = {
      deployment_id: deployment.id,
      seq: 0,
      ts: new Date(),
      stream: 'build' as const,
      message: 'step 1/4',
    };
    await db.insertInto('deployment_logs').values(line).execute();
    const error = await pgError(db.insertInto('deployment_logs').values(line).execute());
    expect(error).toMatchObject({
      code: UNIQUE_VIOLATION,
      constraint: 'deployment_logs_deployment_id_seq_key',
    });
  });
});

describe('value checks', () => {
  it('rejects non-positive amounts and refunds beyond the amount', async () => {
    const user = await insertUser(db);
    expect(await pgError(insertOrder(db, user.id, { amount_minor: 0 }))).toMatchObject({
      code: CHECK_VIOLATION,
      constraint: 'orders_amount_minor_check',
    });
    const order = await insertOrder(db, user.id, { amount_minor: 500, status: 'PAID' });
    const overRefund = db
      .updateTable('orders')
      .set({ refunded_minor: 501 })
      .where('id', '=', order.id)
      .execute();
    expect(await pgError(overRefund)).toMatchObject({ code: CHECK_VIOLATION });
  });

  it('keeps progress within 0..100 and statuses within their sets', async () => {
    const { instance } = await insertRunningInstance(db);
    const deployment = await insertDeployment(db, instance.id);
    const tooFar = db
      .updateTable('deployments')
      .set({ progress: 101 })
      .where('id', '=', deployment.id)
      .execute();
    expect(await pgError(tooFar)).toMatchObject({
      code: CHECK_VIOLATION,
      constraint: 'deployments_progress_check',
    });
    const user = await insertUser(db);
    const bogus = insertSubscription(db, user.id, { status: 'ACTIVATED' as 'ACTIVE' });
    expect(await pgError(bogus)).toMatchObject({
      code: CHECK_VIOLATION,
      constraint: 'subscriptions_status_check',
    });
  });

  it('an invoice documents an order, a credit note a refund', async () => {
    const user = await insertUser(db);
    const order = await insertOrder(db, user.id, { status: 'PAID' });
    const invoice = {
      user_id: user.id,
      buyer_email: user.email,
      plan: 'BASIC' as const,
      amount_minor: 9900,
      currency: 'CNY' as const,
    };
    const creditNoteForOrder = db
      .insertInto('invoices')
      .values({ ...invoice, kind: 'CREDIT_NOTE', order_id: order.id })
      .execute();
    expect(await pgError(creditNoteForOrder)).toMatchObject({ code: CHECK_VIOLATION });
    await db
      .insertInto('invoices')
      .values({ ...invoice, kind: 'INVOICE', order_id: order.id })
      .execute();
  });
});
