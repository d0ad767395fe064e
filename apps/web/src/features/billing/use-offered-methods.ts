import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import { FALLBACK_METHODS, type OfferedMethod } from './payment-methods';

const NONE: readonly OfferedMethod[] = [];

/**
 * The payment methods this server offers (payments.providers: Stripe only when configured).
 * If that list cannot be read, Alipay and WeChat Pay are offered and orders.create answers
 * readably for one that is not configured.
 */
export function useOfferedMethods(): { methods: readonly OfferedMethod[]; isPending: boolean } {
  const trpc = useTRPC();
  const providers = useQuery(
    trpc.payments.providers.queryOptions(undefined, { staleTime: 5 * 60_000 }),
  );
  if (providers.data) return { methods: providers.data, isPending: false };
  return { methods: providers.isError ? FALLBACK_METHODS : NONE, isPending: providers.isPending };
}
