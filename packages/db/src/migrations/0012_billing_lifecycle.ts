import type { Kysely } from 'kysely';
import { createTable, dropTables, execute } from './sql-helpers';

/**
 * Billing over time (DESIGN §3 "Lifecycle"):
 * - orders: reconciliation's per-order backoff (how often the provider was asked, and when to
 *   ask next), so one order the provider keeps failing on doesn't starve the batch.
 * - subscription_reminders: one row per reminder sent for a period, so a rerun of the cron
 *   never sends it twice (the primary key is the "once").
 * - sandbox_trades: the sandbox provider's own trade book (written by the sandbox cashier when
 *   the buyer pays, read by the sandbox adapter's queryOrder), so reconciliation can find a
 *   sandbox payment whose notification was lost.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execute(
    db,
    'alter table orders add column reconcile_attempts integer not null default 0',
    'alter table orders add column reconcile_next_at timestamptz',
    `create table subscription_reminders (
       subscription_id uuid not null references subscriptions (id) on delete cascade,
       period_end timestamptz not null,
       days_before integer not null check (days_before > 0),
       sent_at timestamptz not null default now(),
       primary key (subscription_id, period_end, days_before)
     )`,
  );
  await createTable(
    db,
    'sandbox_trades',
    `out_trade_no text not null unique,
     trade_no text not null unique,
     amount_minor bigint not null check (amount_minor > 0),
     trade_status text not null,
     paid_at timestamptz`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropTables(db, 'sandbox_trades', 'subscription_reminders');
  await execute(
    db,
    'alter table orders drop column if exists reconcile_next_at',
    'alter table orders drop column if exists reconcile_attempts',
  );
}
