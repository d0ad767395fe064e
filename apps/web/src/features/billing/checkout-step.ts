import type { OrderKind, OrderStatus } from '@roundhouse/core';

/** The parts of `payments.status` the waiting page decides on. */
export interface PaymentStatusView {
  status: OrderStatus;
  expiresAt: Date | null;
  /** Absent until the paid order's instance row exists. */
  instance?: { id: string } | null;
}

/** Where the buyer goes once the payment has done its work. */
export type CheckoutDestination =
  { to: '/instances/$instanceId'; instanceId: string } | { to: '/subscription' };

export type CheckoutStep =
  /** Not paid yet, still payable: show the QR code / cashier link. */
  | { kind: 'awaiting' }
  /** Our order row is still open but its time is up; a late payment is still honoured. */
  | { kind: 'expired' }
  /** Closed without payment (replaced by a newer order, or expired and swept). */
  | { kind: 'closed' }
  /** Paid, the subscription is live, the instance row is not there yet. */
  | { kind: 'paid' }
  /** Paid and provisioned: move on to `destination`. */
  | { kind: 'ready'; destination: CheckoutDestination }
  | { kind: 'refunded' };

/**
 * What the waiting page shows next. It reads only our order row (set by a verified provider
 * notification), never the browser's return URL.
 */
export function checkoutStep(
  payment: PaymentStatusView,
  orderKind: OrderKind,
  now: number,
): CheckoutStep {
  switch (payment.status) {
    case 'CREATED':
      return payment.expiresAt && payment.expiresAt.getTime() <= now
        ? { kind: 'expired' }
        : { kind: 'awaiting' };
    case 'CLOSED':
      return { kind: 'closed' };
    case 'REFUNDED':
      return { kind: 'refunded' };
    case 'PAID':
    case 'PARTIALLY_REFUNDED':
      if (orderKind === 'RENEWAL') return { kind: 'ready', destination: { to: '/subscription' } };
      return payment.instance
        ? {
            kind: 'ready',
            destination: { to: '/instances/$instanceId', instanceId: payment.instance.id },
          }
        : { kind: 'paid' };
  }
}

/**
 * How often to ask `payments.status` again (ms), or false to stop. An expired order is still
 * watched, slowly: a payment made at the last second may be notified after the deadline.
 */
export function pollInterval(step: CheckoutStep): number | false {
  switch (step.kind) {
    case 'awaiting':
    case 'paid':
      return 2_000;
    case 'expired':
      return 10_000;
    default:
      return false;
  }
}

/** TanStack Query's `refetchInterval` for payments.status, evaluated after each answer. */
export function statusRefetchInterval(orderKind: OrderKind) {
  return (query: { state: { data?: PaymentStatusView } }): number | false =>
    query.state.data ? pollInterval(checkoutStep(query.state.data, orderKind, Date.now())) : 2_000;
}
