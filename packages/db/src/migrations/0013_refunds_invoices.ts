import type { Kysely } from 'kysely';
import { execute } from './sql-helpers';

/**
 * Refunds and invoices (issue 6):
 * - at most one invoice per order and one credit note per refund, enforced by the database:
 *   settlement issues the invoice under the order's row lock, these make a bug loud instead of
 *   a duplicate document (they replace the plain lookup indexes of 0003);
 * - the buyer's name is snapshotted on the document (the account name may change later);
 * - why a fapiao could not be issued, shown to the customer;
 * - the admin's fapiao queue (REQUESTED first) reads a small partial index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execute(
    db,
    'alter table invoices add column buyer_name text',
    'alter table invoices add column fapiao_failure_reason text',
    'drop index invoices_order_idx',
    'drop index invoices_refund_idx',
    'create unique index invoices_order_uidx on invoices (order_id) where order_id is not null',
    'create unique index invoices_refund_uidx on invoices (refund_id) where refund_id is not null',
    `create index invoices_fapiao_queue_idx on invoices (fapiao_status, updated_at, id)
       where fapiao_status <> 'NOT_REQUESTED'`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execute(
    db,
    'drop index invoices_fapiao_queue_idx',
    'drop index invoices_refund_uidx',
    'drop index invoices_order_uidx',
    'create index invoices_order_idx on invoices (order_id)',
    'create index invoices_refund_idx on invoices (refund_id)',
    'alter table invoices drop column fapiao_failure_reason',
    'alter table invoices drop column buyer_name',
  );
}
