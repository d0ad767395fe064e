import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../i18n';
import { useTRPC } from '../../lib/trpc';

export interface SubscriptionInfo {
  planName: string;
  /** Null until the first payment started the period. */
  periodEnd: Date | null;
}

/**
 * Plan name (in the current locale) and paid-until date per subscription id, from
 * subscriptions.list: instances only carry their subscription's id.
 */
export function useSubscriptionInfo(): (subscriptionId: string) => SubscriptionInfo | undefined {
  const trpc = useTRPC();
  const { locale } = useI18n();
  const { data } = useQuery(trpc.subscriptions.list.queryOptions());
  return (id) => {
    const s = data?.find((sub) => sub.id === id);
    return s && { planName: s.planName[locale], periodEnd: s.currentPeriodEnd };
  };
}
