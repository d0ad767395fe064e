import type { SubscriptionStatus } from '@roundhouse/core';

const DAY_MS = 24 * 3600_000;

export interface SubscriptionFacts {
  status: SubscriptionStatus;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: Date | null;
}

/** Whole days until the period ends, rounded up (ends later today → 1); 0 once it has ended. */
export function daysLeft(periodEnd: Date | null, now: number): number | null {
  if (!periodEnd) return null;
  return Math.max(0, Math.ceil((periodEnd.getTime() - now) / DAY_MS));
}

// The server's rules (db repositories/subscriptions.ts, lifecycle renewal): keep in step.
const CANCELLABLE: readonly SubscriptionStatus[] = ['ACTIVE', 'PAST_DUE'];
const RENEWABLE: readonly SubscriptionStatus[] = ['ACTIVE', 'PAST_DUE', 'SUSPENDED'];

/** The actions the subscription page offers for one subscription. */
export function subscriptionActions(sub: SubscriptionFacts): {
  renew: boolean;
  cancelAtPeriodEnd: boolean;
  undoCancel: boolean;
} {
  const cancellable = CANCELLABLE.includes(sub.status);
  return {
    renew: RENEWABLE.includes(sub.status),
    cancelAtPeriodEnd: cancellable && !sub.cancelAtPeriodEnd,
    undoCancel: cancellable && sub.cancelAtPeriodEnd,
  };
}
