import type { Selectable } from 'kysely';
import type { CreatedAt, DefaultTimestamp, Timestamp, UpdatedAt, UuidId } from './columns';

/** One reminder sent for one period of a subscription (migration 0012): its key is the "once". */
export interface SubscriptionRemindersTable {
  subscription_id: string;
  period_end: Timestamp;
  days_before: number;
  sent_at: DefaultTimestamp;
}

/** The sandbox provider's trade book: what "Alipay" knows about a sandbox payment. */
export interface SandboxTradesTable {
  id: UuidId;
  out_trade_no: string;
  trade_no: string;
  amount_minor: number;
  /** Alipay's word: TRADE_SUCCESS once the buyer paid. */
  trade_status: string;
  paid_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type SandboxTradeRow = Selectable<SandboxTradesTable>;
