import { ResourceError } from '@roundhouse/core';
import { sql, type Transaction } from 'kysely';
import type { Database } from './schema/database';

export interface InvoiceNumber {
  /** e.g. 'RH-2026-000042' */
  number: string;
  year: number;
  seq: number;
}

export function formatInvoiceNumber(year: number, seq: number): string {
  return `RH-${year}-${String(seq).padStart(6, '0')}`;
}

/**
 * The next gapless invoice number of `year`. The upsert row-locks the year's counter until `trx`
 * ends: concurrent callers queue behind it, and a rollback returns the number (no gap), so
 * insert the invoice in the same transaction and keep that transaction short.
 */
export async function nextInvoiceNumber(
  trx: Transaction<Database>,
  year: number,
): Promise<InvoiceNumber> {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) {
    throw new ResourceError(`Invalid invoice year: ${year}`, { reason: 'INVALID' });
  }
  const { last_value: seq } = await trx
    .insertInto('invoice_sequences')
    .values({ year, last_value: 1 })
    .onConflict((conflict) =>
      conflict
        .column('year')
        .doUpdateSet({ last_value: sql<number>`invoice_sequences.last_value + 1` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return { number: formatInvoiceNumber(year, seq), year, seq };
}
