import { BILLING_PERIOD, ResourceError } from '@roundhouse/core';
import { sql, type Transaction } from 'kysely';
import type { DbOrTrx } from '../client';
import type { Database } from '../schema/database';
import { afterCursor, type Keyset, sortKey, toPage } from './list-query';

/**
 * Invoices and credit notes (issue 6): one invoice per paid order, issued in the settlement
 * transaction, and one credit note per successful refund. Numbers are gapless per year and
 * assigned as the issuing transaction commits (migration 0014's deferred trigger): inside it the
 * new document has none yet, so these return its id; read it back after the commit.
 */

/**
 * Issues the invoice of a paid order once (a second call returns the first one's id), in one
 * statement: it states the order, its buyer and the period just bought, which ends at the
 * subscription's period end, so call it after settlement set that period.
 */
export async function issueInvoice(trx: Transaction<Database>, orderId: string): Promise<string> {
  const issued = await trx
    .insertInto('invoices')
    .columns([...DOCUMENT_COLUMNS, 'order_id'])
    .expression(
      trx
        .selectFrom('orders as o')
        .innerJoin('user as u', 'u.id', 'o.user_id')
        .leftJoin('subscriptions as s', 's.id', 'o.subscription_id')
        .select([
          sql.lit('INVOICE').as('kind'),
          'o.user_id',
          'u.email',
          'u.name',
          'o.plan',
          sql<Date>`s.current_period_end - ${PERIOD}`.as('period_start'),
          's.current_period_end',
          'o.amount_minor',
          'o.currency',
          'o.id',
        ])
        .where('o.id', '=', orderId)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('invoices').select('id').where('order_id', '=', orderId))),
        ),
    )
    .returning('id')
    .executeTakeFirst();
  return issued?.id ?? (await existingDocument(trx, 'order_id', orderId));
}

/** The credit note of a successful refund (once), stating the refunded amount. */
export async function issueCreditNote(
  trx: Transaction<Database>,
  refundId: string,
): Promise<string> {
  const issued = await trx
    .insertInto('invoices')
    .columns([...DOCUMENT_COLUMNS, 'refund_id'])
    .expression(
      trx
        .selectFrom('refunds as r')
        .innerJoin('orders as o', 'o.id', 'r.order_id')
        .innerJoin('user as u', 'u.id', 'o.user_id')
        .leftJoin('invoices as i', 'i.order_id', 'o.id')
        .select([
          sql.lit('CREDIT_NOTE').as('kind'),
          'o.user_id',
          'u.email',
          'u.name',
          'o.plan',
          'i.period_start',
          'i.period_end',
          'r.amount_minor',
          'r.currency',
          'r.id',
        ])
        .where('r.id', '=', refundId)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('invoices').select('id').where('refund_id', '=', refundId))),
        ),
    )
    .returning('id')
    .executeTakeFirst();
  return issued?.id ?? (await existingDocument(trx, 'refund_id', refundId));
}

/** What every document states, in the order the issuing selects list it. */
const DOCUMENT_COLUMNS = [
  'kind',
  'user_id',
  'buyer_email',
  'buyer_name',
  'plan',
  'period_start',
  'period_end',
  'amount_minor',
  'currency',
] as const;

const PERIOD = sql.raw(`interval '${BILLING_PERIOD.days} days'`);

/** The document already issued for the order or refund; NOT_FOUND when there is no such one. */
async function existingDocument(
  trx: Transaction<Database>,
  column: 'order_id' | 'refund_id',
  id: string,
): Promise<string> {
  const row = await trx
    .selectFrom('invoices')
    .select('id')
    .where(column, '=', id)
    .executeTakeFirst();
  if (!row) {
    throw new ResourceError(`No ${column === 'order_id' ? 'order' : 'refund'} ${id}`, {
      reason: 'NOT_FOUND',
    });
  }
  return row.id;
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
