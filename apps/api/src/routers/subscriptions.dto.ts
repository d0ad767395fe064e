import { getPlan } from '@roundhouse/core';
import type { SubscriptionWithInstance } from '@roundhouse/db/repositories/subscriptions';

export function subscriptionDto({ subscription: s, instance }: SubscriptionWithInstance) {
  return {
    id: s.id,
    plan: s.plan,
    planVersion: s.plan_version,
    planName: { ...getPlan(s.plan).name },
    source: s.source,
    status: s.status,
    currentPeriodStart: s.current_period_start,
    currentPeriodEnd: s.current_period_end,
    cancelAtPeriodEnd: s.cancel_at_period_end,
    canceledAt: s.canceled_at,
    createdAt: s.created_at,
    instance: instance && {
      id: instance.id,
      status: instance.status,
      publicUrl: instance.public_url,
      createdAt: instance.created_at,
    },
  };
}

export type SubscriptionDto = ReturnType<typeof subscriptionDto>;
