import { BILLING_PERIOD, type InvoiceKind, ResourceError } from '@roundhouse/core';
import { sql, type Transaction } from 'kysely';
import type { DbOrTrx } from '../client';
import { nextInvoiceNumber } from '../invoice-number';
import type { Invoice, NewInvoice } from '../schema/billing';
import type { Database } from '../schema/database';
import { afterCursor, type Keyset, sortKey, toPage } from './list-query';

/**
 * Invoices and credit notes (issue 6): one invoice per paid order, issued in the settlement
 * transaction, and one credit note per successful refund. Numbers are gapless per year
 * (invoice-number.ts): both come from the caller's transaction, so a rollback returns the number.
 */

const PERIOD_MS = BILLING_PERIOD.days * 86_400_000;

/**
 * The invoice of a paid order, created once: a second call returns the first invoice. Call it
 * with the order row-locked (settlement holds that lock) and after the subscription's period was
 * set, which the invoice states: the period just bought ends at the subscription's period end.
 * Take it last in the transaction: the year's number stays row-locked until commit.
 */
export async function issueInvoice(trx: Transaction<Database>, orderId: string): Promise<Invoice> {
  // One round trip for everything the invoice states (settlement's hot path).
  const order = await trx
    .selectFrom('orders as o')
    .innerJoin('user as u', 'u.id', 'o.user_id')
    .leftJoin('subscriptions as s', 's.id', 'o.subscription_id')
    .leftJoin('invoices as i', 'i.order_id', 'o.id')
    .select(['o.id', 'o.user_id', 'o.plan', 'o.amount_minor', 'o.currency'])
    .select(['s.current_period_end', 'i.id as invoice_id'])
    .select(buyerAndYear)
    .where('o.id', '=', orderId)
    .executeTakeFirstOrThrow();
  if (order.invoice_id) {
    return trx
      .selectFrom('invoices')
      .selectAll()
      .where('id', '=', order.invoice_id)
      .executeTakeFirstOrThrow();
  }
  const end = order.current_period_end;
  return insertDocument(trx, order, {
    kind: 'INVOICE',
    order_id: order.id,
    user_id: order.user_id,
    plan: order.plan,
    period_start: end ? new Date(end.getTime() - PERIOD_MS) : null,
    period_end: end,
    amount_minor: order.amount_minor,
    currency: order.currency,
  });
}

/** The credit note of a successful refund (once), stating the refunded amount. */
export async function issueCreditNote(
  trx: Transaction<Database>,
  refundId: string,
): Promise<Invoice> {
  const existing = await trx
    .selectFrom('invoices')
    .selectAll()
    .where('refund_id', '=', refundId)
    .executeTakeFirst();
  if (existing) return existing;
  const refund = await trx
    .selectFrom('refunds as r')
    .innerJoin('orders as o', 'o.id', 'r.order_id')
    .innerJoin('user as u', 'u.id', 'o.user_id')
    .leftJoin('invoices as i', 'i.order_id', 'o.id')
    .select(['r.id', 'r.amount_minor', 'r.currency', 'o.user_id', 'o.plan'])
    .select(['i.period_start', 'i.period_end'])
    .select(buyerAndYear)
    .where('r.id', '=', refundId)
    .executeTakeFirstOrThrow();
  return insertDocument(trx, refund, {
    kind: 'CREDIT_NOTE',
    refund_id: refund.id,
    user_id: refund.user_id,
    plan: refund.plan,
    period_start: refund.period_start,
    period_end: refund.period_end,
    amount_minor: refund.amount_minor,
    currency: refund.currency,
  });
}

type DocumentValues = Omit<
  NewInvoice,
  'number' | 'year' | 'seq' | 'buyer_email' | 'buyer_name' | 'kind'
> & { kind: InvoiceKind };

/** What a document states besides its values, read with them: buyer (`u`) and year of issue. */
const buyerAndYear = [
  'u.name as buyer_name',
  'u.email as buyer_email',
  // The year of the transaction's now(), issued_at's default.
  sql<number>`extract(year from now() at time zone 'UTC')::int`.as('year'),
] as const;

/** Numbers the document in its year of issue and stores it with its buyer. */
async function insertDocument(
  trx: Transaction<Database>,
  issue: { buyer_name: string; buyer_email: string; year: number },
  values: DocumentValues,
) {
  const number = await nextInvoiceNumber(trx, issue.year);
  return trx
    .insertInto('invoices')
    .values({
      ...values,
      ...number,
      buyer_email: issue.buyer_email,
      buyer_name: issue.buyer_name,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Invoices with what their documents show of the order (provider, transaction id) and, for a
 * credit note, the refund and the invoice it credits.
 */
function documents(db: DbOrTrx) {
  return db
    .selectFrom('invoices as i')
    .leftJoin('refunds as r', 'r.id', 'i.refund_id')
    .innerJoin('orders as o', (join) =>
      join.on(sql<boolean>`o.id = coalesce(i.order_id, r.order_id)`),
    )
    .selectAll('i')
    .select(['o.provider', 'o.out_trade_no', 'o.provider_txn_id', 'r.out_request_no'])
    .select((eb) =>
      eb
        .selectFrom('invoices as oi')
        .select('oi.number')
        .where('i.kind', '=', 'CREDIT_NOTE')
        .whereRef('oi.order_id', '=', 'o.id')
        .as('credited_number'),
    );
}

export type InvoiceDetail = NonNullable<
  Awaited<ReturnType<ReturnType<typeof documents>['executeTakeFirst']>>
>;

const newestFirst: Keyset = {
  sort: 'i.issued_at',
  sortType: 'timestamptz',
  id: 'i.id',
  idType: 'uuid',
  direction: 'desc',
};

/** A user's invoices and credit notes, newest first, paged by (issued_at, id). */
export async function listInvoices(
  db: DbOrTrx,
  input: { userId: string; limit: number; cursor?: string },
) {
  let query = documents(db)
    .select(sortKey(newestFirst).as('sort_key'))
    .where('i.user_id', '=', input.userId);
  if (input.cursor !== undefined) query = query.where(afterCursor(newestFirst, input.cursor));
  const rows = await query
    .orderBy('i.issued_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return toPage(rows, input.limit, ({ sort_key: _key, ...row }) => row);
}

/**
 * One invoice; `userId` limits it to that user's (ownership in the query: another user's
 * invoice is NOT_FOUND, never "forbidden"), null for admins.
 */
export async function getInvoice(
  db: DbOrTrx,
  input: { invoiceId: string; userId: string | null },
): Promise<InvoiceDetail> {
  let query = documents(db).where('i.id', '=', input.invoiceId);
  if (input.userId !== null) query = query.where('i.user_id', '=', input.userId);
  const invoice = await query.executeTakeFirst();
  if (!invoice) throw new ResourceError('Invoice not found', { reason: 'NOT_FOUND' });
  return invoice;
}
