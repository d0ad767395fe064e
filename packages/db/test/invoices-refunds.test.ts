import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCreditNote, issueInvoice } from '../src/repositories/invoices';
import { completeRefund, reserveRefund } from '../src/repositories/refunds';
import type { Db } from '../src/index';
import {
  createTestDatabase,
  insertOrder,
  insertUser,
  pgError,
  type TestDatabase,
} from '../src/testing';

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase({ max: 12 });
  db = database.db;
});
afterAll(() => database.destroy());

const system = { actorType: 'SYSTEM', actorId: null, ip: null } as const;

async function paidOrder() {
  const user = await insertUser(db);
  return insertOrder(db, user.id, {
    status: 'PAID',
    provider_txn_id: `T${Date.now()}${Math.random()}`,
  });
}

describe('invoices', () => {
  it('issueInvoice is idempotent and the database refuses a second invoice per order', async () => {
    const order = await paidOrder();
    const first = await db.transaction().execute((trx) => issueInvoice(trx, order.id));
    const again = await db.transaction().execute((trx) => issueInvoice(trx, order.id));
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({
      kind: 'INVOICE',
      amount_minor: order.amount_minor,
      seq: expect.any(Number),
    });

    const duplicate = db
      .insertInto('invoices')
      .values({ ...first, id: undefined, number: 'RH-1999-000001', seq: 999_999 })
      .execute();
    expect(await pgError(duplicate)).toMatchObject({ code: '23505' });
  });

  it('a credit note takes the next number of the same yearly sequence', async () => {
    const order = await paidOrder();
    const invoice = await db.transaction().execute((trx) => issueInvoice(trx, order.id));
    const { refund } = await reserveRefund(db, {
      orderId: order.id,
      amountMinor: 100,
      reason: 'test',
      requestedBy: 'admin',
      by: system,
    });
    await completeRefund(db, {
      refundId: refund.id,
      outcome: { status: 'SUCCEEDED', providerRefundId: 'R1' },
      by: system,
    });
    const note = await db.transaction().execute((trx) => issueCreditNote(trx, refund.id));
    expect(note).toMatchObject({
      kind: 'CREDIT_NOTE',
      refund_id: refund.id,
      order_id: null,
      amount_minor: 100,
      year: invoice.year,
      seq: invoice.seq + 1,
    });
  });
});

describe('refund reservations', () => {
  it('10 concurrent refunds of 1/4 of an order never book more than the order amount', async () => {
    const order = await paidOrder();
    const quarter = order.amount_minor / 4;
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, async () => {
        const { refund } = await reserveRefund(db, {
          orderId: order.id,
          amountMinor: quarter,
          reason: 'test',
          requestedBy: 'admin',
          by: system,
        });
        // Each refund completes before the next may start (a PENDING one blocks others).
        return completeRefund(db, {
          refundId: refund.id,
          outcome: { status: 'SUCCEEDED', providerRefundId: null },
          by: system,
        });
      }),
    );
    const booked = await db
      .selectFrom('orders')
      .select(['refunded_minor', 'status'])
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(booked.refunded_minor).toBeLessThanOrEqual(order.amount_minor);
    const refunds = await db
      .selectFrom('refunds')
      .selectAll()
      .where('order_id', '=', order.id)
      .execute();
    expect(refunds.reduce((sum, refund) => sum + refund.amount_minor, 0)).toBe(
      booked.refunded_minor,
    );
    // A reservation of the same amount while one is PENDING is a retry of it: same refund.
    const answered = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value.id] : []));
    expect(new Set(answered)).toEqual(new Set(refunds.map((refund) => refund.id)));
    expect(refunds.every((refund) => refund.status === 'SUCCEEDED')).toBe(true);
  });
});
