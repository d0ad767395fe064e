import type { SubscriptionStatus } from '../enums';
import { defineStateMachine } from './state-machine';

export const subscriptionStatusMachine = defineStateMachine<SubscriptionStatus>('subscription', {
  // Awaiting its first payment: paid → ACTIVE; abandoned → CANCELED; checkout window gone → EXPIRED.
  PENDING: ['ACTIVE', 'CANCELED', 'EXPIRED'],
  // ACTIVE → ACTIVE is a renewal (the period moves on); a missed renewal → PAST_DUE.
  ACTIVE: ['ACTIVE', 'PAST_DUE', 'CANCELED'],
  // Grace period: paid late → ACTIVE; grace over → SUSPENDED (the instance is suspended too).
  PAST_DUE: ['ACTIVE', 'SUSPENDED', 'CANCELED'],
  // Paid while suspended → ACTIVE (instance resumed); retention over → EXPIRED (instance deleted).
  SUSPENDED: ['ACTIVE', 'EXPIRED', 'CANCELED'],
  // Canceled runs to the end of the paid period, then expires.
  CANCELED: ['EXPIRED'],
  EXPIRED: [],
});
