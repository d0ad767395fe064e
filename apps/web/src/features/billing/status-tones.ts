import type { FapiaoStatus, OrderStatus, SubscriptionStatus } from '@roundhouse/core';
import type { Tone } from '../../components/ui';

// Badge tones: the same status word always gets the same colour on every billing page.

export function orderTone(status: OrderStatus): Tone {
  switch (status) {
    case 'CREATED':
      return 'info';
    case 'PAID':
      return 'success';
    case 'PARTIALLY_REFUNDED':
    case 'REFUNDED':
      return 'warning';
    case 'CLOSED':
      return 'neutral';
  }
}

export function subscriptionTone(status: SubscriptionStatus): Tone {
  switch (status) {
    case 'ACTIVE':
      return 'success';
    case 'PENDING':
      return 'info';
    case 'PAST_DUE':
      return 'warning';
    case 'SUSPENDED':
      return 'danger';
    case 'CANCELED':
    case 'EXPIRED':
      return 'neutral';
  }
}

export const FAPIAO_TONE: Record<FapiaoStatus, Tone> = {
  NOT_REQUESTED: 'neutral',
  REQUESTED: 'info',
  ISSUED: 'success',
  FAILED: 'danger',
};
