import type { Currency, PaymentProvider } from '@roundhouse/core';

/**
 * What every payment provider looks like to the rest of the system (DESIGN §3, §5). An adapter
 * only speaks the provider's protocol: it never touches the database. Settlement (db's
 * payments repository) decides what a verified notification does to our orders.
 */

/** The order fields a checkout needs; the amount always comes from our order row. */
export interface CheckoutOrder {
  id: string;
  outTradeNo: string;
  amountMinor: number;
  currency: Currency;
  /** Shown to the buyer at the provider ("Roundhouse Basic, 1 month"). */
  subject: string;
  expiresAt: Date;
  /**
   * Set when the purchase starts a subscription the provider may renew by itself (Stripe: a
   * recurring price every `intervalDays`); providers without that ignore it.
   */
  recurring?: { intervalDays: number };
}

/** Desktop page pay redirects the browser; QR checkouts show a code to scan. */
export type Checkout =
  /** `providerRef`: the provider's id for this checkout (a Stripe Checkout Session id). */
  { kind: 'redirect'; url: string; providerRef?: string } | { kind: 'qr'; codeUrl: string };

/** A notification exactly as it arrived: the raw body, before any parsing. */
export interface NotificationRequest {
  headers: Record<string, string>;
  rawBody: string;
  contentType: string;
}

/**
 * What verifyNotification returns: a notification whose signature and merchant identifiers
 * checked out. A payment for one of our orders (every provider), or one of Stripe's
 * subscription events.
 */
export type ProviderNotification =
  VerifiedNotification | RenewalNotification | CancellationNotification | IgnoredNotification;

/** The 'payment' variant: the provider took the money for (or reports on) one of our orders. */
export interface VerifiedNotification {
  /** Absent means 'payment' (the providers that only ever send payments omit it). */
  kind?: 'payment';
  /** Unique per provider (payment_events.event_key): a redelivery has the same key. */
  eventKey: string;
  outTradeNo: string;
  providerTxnId: string;
  amountMinor: number;
  currency: Currency;
  appId?: string;
  merchantId?: string;
  /** The provider says the money was taken (Alipay TRADE_SUCCESS / TRADE_FINISHED). */
  paid: boolean;
  /** When the provider says it was paid; null when it does not say. */
  paidAt: Date | null;
  /** The provider's own status word, for the event log. */
  providerStatus: string;
  /** The provider's subscription this payment started (Stripe), linked to ours on settlement. */
  providerSubscriptionId?: string;
}

/** The provider renewed a subscription by itself (Stripe invoice.paid, subscription_cycle). */
export interface RenewalNotification {
  kind: 'renewal';
  eventKey: string;
  providerSubscriptionId: string;
  /** The order that started the provider's subscription (its metadata), when it says. */
  originOutTradeNo: string | null;
  /** The provider's id of this period's payment (Stripe invoice id). */
  providerTxnId: string;
  amountMinor: number;
  currency: Currency;
  paidAt: Date | null;
  providerStatus: string;
}

/** The provider's subscription ended (Stripe customer.subscription.deleted): no more renewals. */
export interface CancellationNotification {
  kind: 'cancellation';
  eventKey: string;
  providerSubscriptionId: string;
  providerStatus: string;
}

/** Authentic, but nothing for us to do (acknowledged and recorded as IGNORED). */
export interface IgnoredNotification {
  kind: 'ignored';
  eventKey: string;
  reason: string;
  providerStatus: string;
}

/** What a trade looks like at the provider when we ask (reconciliation). */
export type QueriedOrder =
  | { found: false }
  | {
      found: true;
      paid: boolean;
      providerTxnId: string | null;
      amountMinor: number;
      providerStatus: string;
    };

/** An HTTP answer, exactly as the provider expects it. */
export interface ProviderResponse {
  status: number;
  contentType: string;
  body: string;
}

export const REJECTION_REASONS = [
  'WRONG_CONTENT_TYPE',
  'MALFORMED',
  'BAD_SIGNATURE',
  'MERCHANT_MISMATCH',
  /** WeChat Pay: a timestamp outside the 300 s replay window. */
  'STALE',
  /** WeChat Pay: a Wechatpay-Serial we hold no key for. */
  'UNKNOWN_KEY',
  /** WeChat Pay: a signed resource whose AES-GCM tag or associated data does not check. */
  'UNDECRYPTABLE',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/**
 * A notification we will not act on. `verified` says whether its signature was valid (a
 * correctly signed notification for another merchant is verified but still rejected).
 */
export class NotificationRejectedError extends Error {
  override readonly name = 'NotificationRejectedError';
  constructor(
    readonly reason: RejectionReason,
    message: string,
    readonly verified = false,
  ) {
    super(message);
  }
}

/**
 * A refund we ask the provider for. `refundNo` is our idempotent request number (Alipay
 * out_request_no, WeChat out_refund_no, Stripe Idempotency-Key): asking twice with the same
 * number refunds once.
 */
export interface RefundRequest {
  refundNo: string;
  outTradeNo: string;
  providerTxnId: string | null;
  amountMinor: number;
  /** The order's full amount (WeChat wants both). */
  totalMinor: number;
  currency: Currency;
  reason: string;
}

/** SUCCEEDED: the money is on its way back; PENDING: the provider confirms later. */
export interface RefundResult {
  status: 'SUCCEEDED' | 'PENDING';
  providerRefundId: string | null;
}

export interface PaymentProviderAdapter {
  /** Recorded on orders and payment events: 'ALIPAY' live, 'SANDBOX' for the sandbox. */
  readonly provider: PaymentProvider;
  /** What this provider charges in; checkout refuses the others. */
  readonly currencies: readonly Currency[];
  createCheckout(order: CheckoutOrder): Promise<Checkout>;
  /** Throws NotificationRejectedError for anything not provably from the provider for us. */
  verifyNotification(request: NotificationRequest): Promise<ProviderNotification>;
  /**
   * `checkout` is the order's stored checkout (orders.checkout): Stripe finds its session by
   * the `providerRef` kept there; the others query by out_trade_no alone.
   */
  queryOrder(outTradeNo: string, checkout?: unknown): Promise<QueriedOrder>;
  /** Throws a core error (NetworkError etc.) when the provider refuses or cannot be reached. */
  refund(request: RefundRequest): Promise<RefundResult>;
  /**
   * Providers that renew by themselves (Stripe) only: `renew: false` stops renewing at the end
   * of the paid period (our subscription set to cancel, or refunded), `true` undoes that.
   * Idempotent; throws a core error when the provider refuses or cannot be reached.
   */
  setAutoRenew?(providerSubscriptionId: string, renew: boolean): Promise<void>;
  /** What createCheckout returns, for the web's provider picker (absent: unknown). */
  readonly checkoutKind?: Checkout['kind'];
  /** The answer that stops the provider's retries. */
  ackResponse(): ProviderResponse;
  /** The answer for a notification we refuse (the provider retries it later). */
  rejectResponse(reason: string): ProviderResponse;
}
