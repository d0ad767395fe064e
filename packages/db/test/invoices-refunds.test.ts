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

/** The document as anyone reads it after its transaction committed. */
const read = (id: string) =>
  db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const issue = (orderId: string) => db.transaction().execute((trx) => issueInvoice(trx, orderId));

describe('invoices', () => {
  it('issueInvoice is idempotent and the database refuses a second invoice per order', async () => {
    const order = await paidOrder();
    const first = await issue(order.id);
    expect(await issue(order.id)).toBe(first);
    const invoice = await read(first);
    expect(invoice).toMatchObject({
      kind: 'INVOICE',
      amount_minor: order.amount_minor,
      seq: expect.any(Number),
      number: expect.stringMatching(/^RH-\d{4}-\d{6}$/),
    });

    const { id: _id, number: _n, year: _y, seq: _s, ...values } = invoice;
    const duplicate = db.insertInto('invoices').values(values).execute();
    expect(await pgError(duplicate)).toMatchObject({ code: '23505' });
  });

  it('numbers 20 concurrent issues gaplessly at commit; a rolled-back issue takes no number', async () => {
    const orders = await Promise.all(Array.from({ length: 21 }, paidOrder));
    const [discardedOrder, ...issuedOrders] = orders;
    const year = new Date().getUTCFullYear();
    const counter = await db
      .selectFrom('invoice_sequences')
      .select('last_value')
      .where('year', '=', year)
      .executeTakeFirst();
    const lastBefore = counter?.last_value ?? 0;
    let unnumbered: unknown = 'not read';
    const failed = db.transaction().execute(async (trx) => {
      const id = await issueInvoice(trx, discardedOrder!.id);
      // inside its transaction the document has no number yet
      unnumbered = (
        await trx
          .selectFrom('invoices')
          .select('number')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).number;
      throw new Error('settlement failed after issuing');
    });
    await expect(failed).rejects.toThrow('settlement failed after issuing');
    expect(unnumbered).toBeNull();

    const ids = await Promise.all(issuedOrders.map((order) => issue(order.id)));
    const invoices = await Promise.all(ids.map(read));
    const seqs = invoices.map((invoice) => invoice.seq).sort((a, b) => a - b);
    const first = seqs[0]!;
    // the rolled-back issue took no number: the next one is the counter's next
    expect(first).toBe(lastBefore + 1);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => first + i));
    for (const invoice of invoices) {
      expect(invoice.year).toBe(year);
      expect(invoice.number).toBe(`RH-${year}-${String(invoice.seq).padStart(6, '0')}`);
    }
    const after = await read(await issue((await paidOrder()).id));
    expect(after.seq).toBe(first + 20);
  });

  it('a credit note takes the next number of the same yearly sequence', async () => {
    const order = await paidOrder();
    const invoice = await read(await issue(order.id));
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
    const note = await read(
      await db.transaction().execute((trx) => issueCreditNote(trx, refund.id)),
    );
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
    const answered = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value.refund.id] : []));
    expect(new Set(answered)).toEqual(new Set(refunds.map((refund) => refund.id)));
    expect(refunds.every((refund) => refund.status === 'SUCCEEDED')).toBe(true);
  });
});
