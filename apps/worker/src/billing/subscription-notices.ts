import { getPlan } from '@roundhouse/core';
import type { Subscription } from '@roundhouse/db';
import type { NotificationInput } from '../notifications/notify';

/**
 * What the customer is told at each step of a subscription's lifecycle (in-app, email and
 * their webhooks through send_notification). `days` are the policy's grace or retention days.
 */
export const subscriptionNotices = {
  reminder: (s: Subscription, daysBefore: number): NotificationInput =>
    notice(
      s,
      'subscription.renewal_reminder',
      `${planName(s)} ${s.cancel_at_period_end ? 'ends' : 'renews'} in ${daysBefore} day${daysBefore === 1 ? '' : 's'}`,
      s.cancel_at_period_end
        ? `Your subscription ends on ${day(s.current_period_end)}. Renew it to keep your instance.`
        : `Your paid period ends on ${day(s.current_period_end)}. Renew it to keep your instance running.`,
      { daysBefore },
    ),
  pastDue: (s: Subscription, graceDays: number): NotificationInput =>
    notice(
      s,
      'subscription.past_due',
      `${planName(s)} is past due`,
      `Your paid period ended on ${day(s.current_period_end)}. Renew within ${graceDays} days or your instance will be suspended.`,
      { graceDays },
    ),
  canceled: (s: Subscription, retentionDays: number): NotificationInput =>
    notice(
      s,
      'subscription.canceled',
      `${planName(s)} has ended`,
      `Your subscription was set to cancel and its period ended: your instance is suspended and will be deleted after ${retentionDays} days.`,
      { retentionDays },
    ),
  suspended: (s: Subscription, retentionDays: number): NotificationInput =>
    notice(
      s,
      'subscription.suspended',
      `${planName(s)} is suspended`,
      `The grace period is over: your instance is suspended. Renew within ${retentionDays} days to resume it; after that it is deleted.`,
      { retentionDays },
    ),
  expired: (s: Subscription): NotificationInput =>
    notice(
      s,
      'subscription.expired',
      `${planName(s)} has expired`,
      'The retention period is over: your instance and its data are being deleted.',
    ),
};

function notice(
  s: Subscription,
  type: string,
  title: string,
  body: string,
  extra: Record<string, unknown> = {},
): NotificationInput {
  return {
    type,
    title,
    body,
    data: {
      subscriptionId: s.id,
      plan: s.plan,
      periodEnd: s.current_period_end?.toISOString() ?? null,
      ...extra,
    },
  };
}

function planName(s: Subscription): string {
  return `Roundhouse ${getPlan(s.plan).name.en}`;
}

function day(date: Date | null): string {
  return date ? date.toISOString().slice(0, 10) : 'an unknown date';
}
