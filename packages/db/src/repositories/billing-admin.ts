import type { OrderStatus, PaymentProvider, RefundStatus } from '@roundhouse/core';
import type { DbOrTrx } from '../client';
import { afterCursor, type Keyset, sortKey, toPage } from './list-query';

/**
 * Orders and refunds across all users, for admins (the payments issue writes them). Newest
 * first, paged by (created_at, id).
 */

interface CreatedRange {
  createdFrom?: Date;
  /** Exclusive. */
  createdTo?: Date;
  limit: number;
  cursor?: string;
}

export interface OrderListInput extends CreatedRange {
  statuses?: OrderStatus[];
  provider?: PaymentProvider;
  userId?: string;
  /** Exact merchant order number. */
  outTradeNo?: string;
}

export interface RefundListInput extends CreatedRange {
  statuses?: RefundStatus[];
  orderId?: string;
  userId?: string;
}

const newestFirst = (table: 'o' | 'r'): Keyset => ({
  sort: `${table}.created_at`,
  sortType: 'timestamptz',
  id: `${table}.id`,
  idType: 'uuid',
  direction: 'desc',
});

export async function listOrders(db: DbOrTrx, input: OrderListInput) {
  const keyset = newestFirst('o');
  let query = db
    .selectFrom('orders as o')
    .innerJoin('user as u', 'u.id', 'o.user_id')
    .select([
      'o.id',
      'o.user_id',
      'u.email as user_email',
      'o.subscription_id',
      'o.plan',
      'o.plan_version',
      'o.kind',
      'o.provider',
      'o.out_trade_no',
      'o.amount_minor',
      'o.currency',
      'o.status',
      'o.provider_txn_id',
      'o.refunded_minor',
      'o.paid_at',
      'o.expires_at',
      'o.closed_at',
      'o.created_at',
      'o.updated_at',
    ])
    .select(sortKey(keyset).as('sort_key'));
  if (input.statuses?.length) query = query.where('o.status', 'in', input.statuses);
  if (input.provider !== undefined) query = query.where('o.provider', '=', input.provider);
  if (input.userId !== undefined) query = query.where('o.user_id', '=', input.userId);
  if (input.outTradeNo !== undefined) query = query.where('o.out_trade_no', '=', input.outTradeNo);
  if (input.createdFrom !== undefined) query = query.where('o.created_at', '>=', input.createdFrom);
  if (input.createdTo !== undefined) query = query.where('o.created_at', '<', input.createdTo);
  if (input.cursor !== undefined) query = query.where(afterCursor(keyset, input.cursor));
  const rows = await query
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return toPage(rows, input.limit, ({ sort_key: _key, ...row }) => row);
}

export type AdminOrderRow = Awaited<ReturnType<typeof listOrders>>['items'][number];

export async function listRefunds(db: DbOrTrx, input: RefundListInput) {
  const keyset = newestFirst('r');
  let query = db
    .selectFrom('refunds as r')
    .innerJoin('orders as o', 'o.id', 'r.order_id')
    .select([
      'r.id',
      'r.order_id',
      'o.out_trade_no',
      'o.user_id',
      'o.provider',
      'r.amount_minor',
      'r.currency',
      'r.reason',
      'r.status',
      'r.provider_refund_id',
      'r.out_request_no',
      'r.requested_by',
      'r.error_message',
      'r.completed_at',
      'r.created_at',
      'r.updated_at',
    ])
    .select(sortKey(keyset).as('sort_key'));
  if (input.statuses?.length) query = query.where('r.status', 'in', input.statuses);
  if (input.orderId !== undefined) query = query.where('r.order_id', '=', input.orderId);
  if (input.userId !== undefined) query = query.where('o.user_id', '=', input.userId);
  if (input.createdFrom !== undefined) query = query.where('r.created_at', '>=', input.createdFrom);
  if (input.createdTo !== undefined) query = query.where('r.created_at', '<', input.createdTo);
  if (input.cursor !== undefined) query = query.where(afterCursor(keyset, input.cursor));
  const rows = await query
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return toPage(rows, input.limit, ({ sort_key: _key, ...row }) => row);
}

export type AdminRefundRow = Awaited<ReturnType<typeof listRefunds>>['items'][number];
