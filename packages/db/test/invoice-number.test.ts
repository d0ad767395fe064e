import { ResourceError } from '@roundhouse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, type InvoiceNumber, nextInvoiceNumber } from '../src/index';
import { createTestDatabase, type TestDatabase } from '../src/testing';

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase({ max: 25 });
  db = database.db;
});
afterAll(() => database.destroy());

describe('nextInvoiceNumber', () => {
  it('gives 20 concurrent transactions 20 distinct consecutive numbers', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction().execute(async (trx) => {
          const next = await nextInvoiceNumber(trx, 2031);
          // hold the row lock a moment so the others really queue behind it
          await new Promise((resolve) => setTimeout(resolve, 5));
          return next;
        }),
      ),
    );
    const seqs = numbers.map((n) => n.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(numbers.map((n) => n.number)).size).toBe(20);
    expect(numbers.find((n) => n.seq === 7)?.number).toBe('RH-2031-000007');
  });

  it('leaves no gap when a transaction rolls back, and counts each year separately', async () => {
    const taken = (year: number) => db.transaction().execute((trx) => nextInvoiceNumber(trx, year));
    expect((await taken(2032)).number).toBe('RH-2032-000001');

    let discarded: InvoiceNumber | undefined;
    const failed = db.transaction().execute(async (trx) => {
      discarded = await nextInvoiceNumber(trx, 2032);
      throw new Error('invoice insert failed');
    });
    await expect(failed).rejects.toThrow('invoice insert failed');
    expect(discarded?.seq).toBe(2);

    expect((await taken(2032)).seq).toBe(2);
    expect((await taken(2033)).seq).toBe(1);
  });

  it('rejects a year that cannot be right', async () => {
    const attempt = db.transaction().execute((trx) => nextInvoiceNumber(trx, 26));
    await expect(attempt).rejects.toBeInstanceOf(ResourceError);
  });
});
