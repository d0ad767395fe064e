import { assertCurrency, type Currency } from '@roundhouse/core';
import type Stripe from 'stripe';

/** What our settlement needs of a Checkout Session, read the same for webhooks and queries. */
export interface SessionPayment {
  outTradeNo: string | null;
  /**
   * The payment_intent (one-off payment) or the first invoice (subscription mode); the session
   * itself when Stripe names neither (refund then looks them up).
   */
  providerTxnId: string;
  providerSubscriptionId: string | null;
  amountMinor: number | null;
  currency: Currency | null;
  paid: boolean;
  providerStatus: string;
}

export function sessionPayment(session: Stripe.Checkout.Session): SessionPayment {
  return {
    outTradeNo: session.client_reference_id ?? session.metadata?.out_trade_no ?? null,
    providerTxnId: idOf(session.payment_intent) ?? idOf(session.invoice) ?? session.id,
    providerSubscriptionId: idOf(session.subscription),
    amountMinor: session.amount_total,
    currency: session.currency === null ? null : stripeCurrency(session.currency),
    // 'no_payment_required' (a free trial) takes no money: never a payment for us.
    paid: session.payment_status === 'paid',
    providerStatus: `${session.status ?? 'unknown'}/${session.payment_status}`,
  };
}

/** Stripe says currencies in lower case ('usd'); ours are ISO upper case. */
export function stripeCurrency(currency: string): Currency {
  return assertCurrency(currency.toUpperCase());
}

/** An expandable field: the id whether Stripe sent the id or the expanded object. */
export function idOf(field: string | { id: string } | null | undefined): string | null {
  if (field === null || field === undefined) return null;
  return typeof field === 'string' ? field : field.id;
}
