import type { Kysely } from 'kysely';
import { createTable, dropTables, execute, oneOf } from './sql-helpers';

// Literal value lists, frozen with this migration (later enum changes get their own migration).
const PLANS = ['BASIC', 'PRO', 'ENTERPRISE'];
const CURRENCIES = ['CNY', 'USD'];
const PROVIDERS = ['ALIPAY', 'WECHATPAY', 'STRIPE', 'SANDBOX'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await createTable(
    db,
    'subscriptions',
    `user_id text not null references "user" (id),
     plan text not null ${oneOf('plan', PLANS)},
     plan_version integer not null check (plan_version > 0),
     source text not null ${oneOf('source', ['PAID', 'TRIAL', 'COMPLIMENTARY'])},
     status text not null default 'PENDING'
       ${oneOf('status', ['PENDING', 'ACTIVE', 'PAST_DUE', 'SUSPENDED', 'CANCELED', 'EXPIRED'])},
     current_period_start timestamptz,
     current_period_end timestamptz,
     cancel_at_period_end boolean not null default false,
     canceled_at timestamptz,
     status_changed_at timestamptz not null default now(),
     stripe_subscription_id text unique,
     check (current_period_end > current_period_start)`,
  );
  await createTable(
    db,
    'orders',
    `user_id text not null references "user" (id),
     subscription_id uuid references subscriptions (id),
     plan text not null ${oneOf('plan', PLANS)},
     plan_version integer not null check (plan_version > 0),
     kind text not null ${oneOf('kind', ['NEW', 'RENEWAL'])},
     provider text not null ${oneOf('provider', PROVIDERS)},
     out_trade_no text not null unique,
     amount_minor bigint not null check (amount_minor > 0),
     currency text not null ${oneOf('currency', CURRENCIES)},
     status text not null default 'CREATED'
       ${oneOf('status', ['CREATED', 'PAID', 'CLOSED', 'REFUNDED', 'PARTIALLY_REFUNDED'])},
     provider_txn_id text,
     checkout jsonb,
     paid_at timestamptz,
     expires_at timestamptz,
     closed_at timestamptz,
     refunded_minor bigint not null default 0
       check (refunded_minor >= 0 and refunded_minor <= amount_minor),
     unique (provider, provider_txn_id)`,
  );
  await createTable(
    db,
    'payment_events',
    `provider text not null ${oneOf('provider', PROVIDERS)},
     event_key text not null,
     order_id uuid references orders (id),
     verified boolean not null,
     outcome text ${oneOf('outcome', ['APPLIED', 'DUPLICATE', 'IGNORED', 'REJECTED', 'ERROR'])},
     error text,
     raw_body text not null,
     headers jsonb not null default '{}',
     received_at timestamptz not null default now(),
     unique (provider, event_key)`,
  );
  await createTable(
    db,
    'refunds',
    `order_id uuid not null references orders (id),
     amount_minor bigint not null check (amount_minor > 0),
     currency text not null ${oneOf('currency', CURRENCIES)},
     reason text,
     provider_refund_id text,
     out_request_no text not null unique,
     status text not null default 'PENDING' ${oneOf('status', ['PENDING', 'SUCCEEDED', 'FAILED'])},
     requested_by text,
     error_message text,
     completed_at timestamptz`,
  );
  await execute(
    db,
    `create table invoice_sequences (
       year integer primary key check (year between 2000 and 9999),
       last_value integer not null default 0 check (last_value >= 0)
     )`,
  );
  await createTable(
    db,
    'invoices',
    `number text not null unique,
     year integer not null,
     seq integer not null check (seq > 0),
     kind text not null ${oneOf('kind', ['INVOICE', 'CREDIT_NOTE'])},
     order_id uuid references orders (id),
     refund_id uuid references refunds (id),
     user_id text not null references "user" (id),
     buyer_email text not null,
     plan text not null ${oneOf('plan', PLANS)},
     period_start timestamptz,
     period_end timestamptz,
     amount_minor bigint not null check (amount_minor > 0),
     currency text not null ${oneOf('currency', CURRENCIES)},
     fapiao_title text,
     fapiao_taxpayer_id text,
     fapiao_email text,
     fapiao_status text not null default 'NOT_REQUESTED'
       ${oneOf('fapiao_status', ['NOT_REQUESTED', 'REQUESTED', 'ISSUED', 'FAILED'])},
     fapiao_number text,
     fapiao_issued_at timestamptz,
     issued_at timestamptz not null default now(),
     unique (year, seq),
     -- an invoice documents an order, a credit note a refund; exactly one of them
     check ((kind = 'INVOICE' and order_id is not null and refund_id is null)
         or (kind = 'CREDIT_NOTE' and refund_id is not null and order_id is null))`,
  );
  await execute(
    db,
    'create index subscriptions_user_idx on subscriptions (user_id)',
    // the expiry cron: ACTIVE/PAST_DUE subscriptions whose period has ended
    'create index subscriptions_status_period_end_idx on subscriptions (status, current_period_end)',
    // at most one unpaid order per user and plan: a second "buy" reuses the open one
    `create unique index orders_one_created_per_user_plan on orders (user_id, plan)
       where status = 'CREATED'`,
    // the reconciliation cron: orders still CREATED after N minutes
    'create index orders_status_created_idx on orders (status, created_at)',
    'create index orders_user_created_idx on orders (user_id, created_at desc)',
    'create index orders_subscription_idx on orders (subscription_id)',
    'create index payment_events_order_idx on payment_events (order_id)',
    'create index refunds_order_idx on refunds (order_id)',
    'create index invoices_user_idx on invoices (user_id, issued_at desc)',
    'create index invoices_order_idx on invoices (order_id)',
    'create index invoices_refund_idx on invoices (refund_id)',
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropTables(
    db,
    'invoices',
    'invoice_sequences',
    'refunds',
    'payment_events',
    'orders',
    'subscriptions',
  );
}
