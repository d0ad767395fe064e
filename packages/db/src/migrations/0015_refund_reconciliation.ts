import type { Kysely } from 'kysely';
import { execute } from './sql-helpers';

/**
 * Following PENDING refunds up (worker reconcile_refunds):
 * - refunds: the per-refund backoff between provider questions (how often it was asked, and
 *   when to ask next), like orders' reconciliation columns of 0012;
 * - when a refund still PENDING after days was flagged for an admin, so it is flagged once;
 * - the claim reads PENDING refunds only: a small partial index, oldest first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execute(
    db,
    'alter table refunds add column reconcile_attempts integer not null default 0',
    'alter table refunds add column reconcile_next_at timestamptz',
    'alter table refunds add column overdue_flagged_at timestamptz',
    `create index refunds_pending_idx on refunds (created_at) where status = 'PENDING'`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execute(
    db,
    'drop index if exists refunds_pending_idx',
    'alter table refunds drop column if exists overdue_flagged_at',
    'alter table refunds drop column if exists reconcile_next_at',
    'alter table refunds drop column if exists reconcile_attempts',
  );
}
