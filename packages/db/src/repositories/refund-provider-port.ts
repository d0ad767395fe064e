import type { Currency, PaymentProvider } from '@roundhouse/core';
import type { Db } from '../client';

/**
 * The part of @roundhouse/payments' adapters the refund code calls (this package cannot import
 * payments; its PaymentAdapters and the api's PaymentServices fit these shapes as they are).
 */

/** payments' RefundRequest: `refundNo` is our idempotent request number at the provider. */
export interface ProviderRefundRequest {
  refundNo: string;
  outTradeNo: string;
  providerTxnId: string | null;
  amountMinor: number;
  totalMinor: number;
  currency: Currency;
  reason: string;
}

export interface RefundingAdapter {
  readonly provider: PaymentProvider;
  /** Throws a core error when the provider refuses or cannot be reached. */
  refund(
    request: ProviderRefundRequest,
  ): Promise<{ status: 'SUCCEEDED' | 'PENDING'; providerRefundId: string | null }>;
  /** Providers that renew by themselves (Stripe) only. */
  setAutoRenew?(providerSubscriptionId: string, renew: boolean): Promise<void>;
}

/** The adapters behind each checkout option (payments' PaymentAdapters). */
export interface RefundingAdapters {
  byProvider: Partial<Record<'ALIPAY' | 'WECHATPAY' | 'STRIPE', RefundingAdapter>>;
}

/** Where the refund code reports what it cannot return (pino's Logger fits). */
export interface RefundLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** What the provider-facing refund code needs. */
export interface RefundServices {
  db: Db;
  logger: RefundLogger;
  payments: RefundingAdapters;
}
