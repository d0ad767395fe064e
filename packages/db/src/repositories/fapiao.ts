import { type FapiaoStatus, ResourceError } from '@roundhouse/core';
import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../client';
import type { Invoice } from '../schema/billing';
import { type AuditActor, recordAudit } from './audit';
import { notifyUser } from './notifications';

/**
 * Fapiao (formal Chinese tax invoices): a customer asks for one on an invoice (title, taxpayer
 * id, email), an admin issues it outside the system and records its number, or fails it with a
 * reason. Each step is a conditional update, so concurrent clicks cannot both succeed.
 */

/** A customer may ask (again, after a failure) unless one is already requested or issued. */
const REQUESTABLE: FapiaoStatus[] = ['NOT_REQUESTED', 'FAILED'];

export interface FapiaoRequest {
  userId: string;
  invoiceId: string;
  title: string;
  taxpayerId: string;
  email: string;
}

export async function requestFapiao(db: DbOrTrx, input: FapiaoRequest): Promise<Invoice> {
  const updated = await db
    .updateTable('invoices')
    .set({
      fapiao_status: 'REQUESTED',
      fapiao_title: input.title,
      fapiao_taxpayer_id: input.taxpayerId,
      fapiao_email: input.email,
      fapiao_failure_reason: null,
    })
    .where('id', '=', input.invoiceId)
    .where('user_id', '=', input.userId)
    .where('kind', '=', 'INVOICE')
    .where('fapiao_status', 'in', REQUESTABLE)
    .returningAll()
    .executeTakeFirst();
  if (updated) return updated;
  const current = await db
    .selectFrom('invoices')
    .select(['kind', 'fapiao_status'])
    .where('id', '=', input.invoiceId)
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  if (!current) throw new ResourceError('Invoice not found', { reason: 'NOT_FOUND' });
  if (current.kind !== 'INVOICE') {
    throw new ResourceError('A fapiao is issued for an invoice, not a credit note', {
      reason: 'INVALID',
    });
  }
  throw new ResourceError(`A fapiao was already ${current.fapiao_status.toLowerCase()}`, {
    reason: 'CONFLICT',
  });
}

/** REQUESTED → ISSUED with the fapiao's number; the customer is notified, the admin audited. */
export async function issueFapiao(
  db: Db,
  input: { invoiceId: string; number: string; by: AuditActor },
): Promise<Invoice> {
  return decide(db, input.invoiceId, input.by, {
    set: { fapiao_status: 'ISSUED', fapiao_number: input.number, fapiao_issued_at: new Date() },
    action: 'admin.fapiao.issue',
    details: { number: input.number },
    notification: (invoice) => ({
      type: 'invoice.fapiao_issued',
      title: `Fapiao issued for invoice ${invoice.number}`,
      body: `Fapiao ${input.number} was issued and sent to ${invoice.fapiao_email ?? 'you'}.`,
    }),
  });
}

/** REQUESTED → FAILED with a reason the customer sees (they may correct and ask again). */
export async function failFapiao(
  db: Db,
  input: { invoiceId: string; reason: string; by: AuditActor },
): Promise<Invoice> {
  return decide(db, input.invoiceId, input.by, {
    set: { fapiao_status: 'FAILED', fapiao_failure_reason: input.reason },
    action: 'admin.fapiao.fail',
    details: { reason: input.reason },
    notification: (invoice) => ({
      type: 'invoice.fapiao_failed',
      title: `Fapiao for invoice ${invoice.number} could not be issued`,
      body: input.reason,
    }),
  });
}

interface Decision {
  set: {
    fapiao_status: FapiaoStatus;
    fapiao_number?: string;
    fapiao_issued_at?: Date;
    fapiao_failure_reason?: string;
  };
  action: string;
  details: Record<string, unknown>;
  notification: (invoice: Invoice) => { type: string; title: string; body: string };
}

async function decide(
  db: Db,
  invoiceId: string,
  by: AuditActor,
  decision: Decision,
): Promise<Invoice> {
  return db.transaction().execute(async (trx) => {
    const invoice = await trx
      .updateTable('invoices')
      .set(decision.set)
      .where('id', '=', invoiceId)
      .where('fapiao_status', '=', 'REQUESTED')
      .returningAll()
      .executeTakeFirst();
    if (!invoice) {
      const current = await trx
        .selectFrom('invoices')
        .select('fapiao_status')
        .where('id', '=', invoiceId)
        .executeTakeFirst();
      if (!current) throw new ResourceError('Invoice not found', { reason: 'NOT_FOUND' });
      throw new ResourceError(`No fapiao request is open (status ${current.fapiao_status})`, {
        reason: 'CONFLICT',
      });
    }
    await notifyUser(trx, {
      userId: invoice.user_id,
      ...decision.notification(invoice),
      data: { invoiceId: invoice.id, fapiaoStatus: invoice.fapiao_status },
    });
    await recordAudit(trx, {
      ...by,
      action: decision.action,
      target: { type: 'invoice', id: invoice.id },
      details: decision.details,
    });
    return invoice;
  });
}

const QUEUE_RANK = sql<number>`(case when fapiao_status = 'REQUESTED' then 0 else 1 end)`;
const CURSOR = /^([01])\|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f-]{36})$/;

/**
 * Every invoice with a fapiao request: open requests first, oldest first (a work queue), then
 * the decided ones. `cursor` is the previous page's nextCursor.
 */
export async function listFapiaoRequests(
  db: DbOrTrx,
  input: { statuses?: FapiaoStatus[]; limit: number; cursor?: string },
) {
  let query = db
    .selectFrom('invoices')
    .selectAll()
    .select(QUEUE_RANK.as('rank'))
    .select(
      sql<string>`to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
        'updated_key',
      ),
    )
    .where('fapiao_status', '<>', 'NOT_REQUESTED');
  if (input.statuses?.length) query = query.where('fapiao_status', 'in', input.statuses);
  if (input.cursor !== undefined) {
    const [, rank, at, id] = CURSOR.exec(Buffer.from(input.cursor, 'base64url').toString()) ?? [];
    if (!rank || !at || !id) {
      throw new ResourceError('Invalid cursor: pass back the nextCursor of the previous page', {
        reason: 'INVALID',
      });
    }
    query = query.where(
      sql<boolean>`(${QUEUE_RANK}, updated_at, id) > (${Number(rank)}, ${at}::timestamptz, ${id}::uuid)`,
    );
  }
  const rows = await query
    .orderBy(QUEUE_RANK)
    .orderBy('updated_at')
    .orderBy('id')
    .limit(input.limit + 1)
    .execute();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: items.map(({ rank: _rank, updated_key: _key, ...invoice }) => invoice as Invoice),
    nextCursor:
      rows.length > input.limit && last
        ? Buffer.from(`${last.rank}|${last.updated_key}|${last.id}`).toString('base64url')
        : null,
  };
}
