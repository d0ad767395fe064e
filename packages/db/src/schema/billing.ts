import type {
  Currency,
  FapiaoStatus,
  InvoiceKind,
  OrderKind,
  OrderStatus,
  PaymentEventOutcome,
  PaymentProvider,
  PlanId,
  RefundStatus,
  SubscriptionSource,
  SubscriptionStatus,
} from '@roundhouse/core';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  CreatedAt,
  DefaultTimestamp,
  Jsonb,
  NullableJsonb,
  Timestamp,
  UpdatedAt,
  UuidId,
} from './columns';

/** Money is integer minor units (fen / cents) in `bigint` columns, read as a safe JS number. */

export interface SubscriptionsTable {
  id: UuidId;
  user_id: string;
  plan: PlanId;
  plan_version: number;
  source: SubscriptionSource;
  status: Generated<SubscriptionStatus>;
  /** Null until the subscription is first activated. */
  current_period_start: Timestamp | null;
  current_period_end: Timestamp | null;
  cancel_at_period_end: Generated<boolean>;
  canceled_at: Timestamp | null;
  status_changed_at: DefaultTimestamp;
  stripe_subscription_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface OrdersTable {
  id: UuidId;
  user_id: string;
  subscription_id: string | null;
  plan: PlanId;
  plan_version: number;
  kind: OrderKind;
  provider: PaymentProvider;
  out_trade_no: string;
  amount_minor: number;
  currency: Currency;
  status: Generated<OrderStatus>;
  provider_txn_id: string | null;
  /** What the cashier shows: pay URL, QR payload, Stripe session id... */
  checkout: NullableJsonb;
  paid_at: Timestamp | null;
  expires_at: Timestamp | null;
  closed_at: Timestamp | null;
  refunded_minor: Generated<number>;
  /** Reconciliation's per-order backoff: provider queries so far, and when to ask next. */
  reconcile_attempts: Generated<number>;
  reconcile_next_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PaymentEventsTable {
  id: UuidId;
  provider: PaymentProvider;
  /** Stripe event.id, WeChat notification id, Alipay notify_id + trade_status. */
  event_key: string;
  order_id: string | null;
  verified: boolean;
  /** Null while the notification is being processed in the recording transaction. */
  outcome: PaymentEventOutcome | null;
  error: string | null;
  /** Already redacted by the caller. */
  raw_body: string;
  headers: Jsonb<Record<string, string>>;
  received_at: DefaultTimestamp;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RefundsTable {
  id: UuidId;
  order_id: string;
  amount_minor: number;
  currency: Currency;
  reason: string | null;
  provider_refund_id: string | null;
  out_request_no: string;
  status: Generated<RefundStatus>;
  /** Who asked: an admin's user id, or a system actor name. */
  requested_by: string | null;
  /** Why the provider refused, for FAILED refunds. */
  error_message: string | null;
  completed_at: Timestamp | null;
  /** reconcile_refunds' per-refund backoff (0015): provider questions so far, when to ask next. */
  reconcile_attempts: Generated<number>;
  reconcile_next_at: Timestamp | null;
  /** When a refund PENDING for days was flagged for an admin (once). */
  overdue_flagged_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** One row per year; the commit-time trigger of migration 0014 increments it under a row lock. */
export interface InvoiceSequencesTable {
  year: number;
  last_value: number;
}

export interface InvoicesTable {
  id: UuidId;
  /**
   * e.g. 'RH-2026-000042', gapless per year: assigned as the issuing transaction commits
   * (migration 0014), so null only inside that transaction, never for anyone reading after it.
   */
  number: ColumnType<string, undefined, never>;
  year: ColumnType<number, undefined, never>;
  seq: ColumnType<number, undefined, never>;
  kind: InvoiceKind;
  /** Set for an INVOICE; refund_id is set for a CREDIT_NOTE (never both). */
  order_id: string | null;
  refund_id: string | null;
  user_id: string;
  buyer_email: string;
  /** Snapshotted at issue time (0013); null on documents issued before. */
  buyer_name: string | null;
  plan: PlanId;
  period_start: Timestamp | null;
  period_end: Timestamp | null;
  amount_minor: number;
  currency: Currency;
  fapiao_title: string | null;
  fapiao_taxpayer_id: string | null;
  fapiao_email: string | null;
  fapiao_status: Generated<FapiaoStatus>;
  fapiao_number: string | null;
  fapiao_issued_at: Timestamp | null;
  /** Why an admin could not issue the requested fapiao (status FAILED). */
  fapiao_failure_reason: string | null;
  /** The invoice's own date. */
  issued_at: DefaultTimestamp;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type Subscription = Selectable<SubscriptionsTable>;
export type NewSubscription = Insertable<SubscriptionsTable>;
export type SubscriptionUpdate = Updateable<SubscriptionsTable>;
export type Order = Selectable<OrdersTable>;
export type NewOrder = Insertable<OrdersTable>;
export type OrderUpdate = Updateable<OrdersTable>;
export type PaymentEvent = Selectable<PaymentEventsTable>;
export type NewPaymentEvent = Insertable<PaymentEventsTable>;
export type PaymentEventUpdate = Updateable<PaymentEventsTable>;
export type Refund = Selectable<RefundsTable>;
export type NewRefund = Insertable<RefundsTable>;
export type RefundUpdate = Updateable<RefundsTable>;
export type Invoice = Selectable<InvoicesTable>;
export type NewInvoice = Insertable<InvoicesTable>;
export type InvoiceUpdate = Updateable<InvoicesTable>;
