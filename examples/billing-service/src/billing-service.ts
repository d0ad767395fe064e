import {
  createRoundhouseClient,
  type RoundhouseClient,
  type RouterOutputs,
} from '@roundhouse/api/client';

type Subscription = RouterOutputs['subscriptions']['list'][number];
type Currency = RouterOutputs['plans']['list'][number]['prices'][number]['currency'];

export interface BillingServiceOptions {
  apiUrl: string;
  /** A Roundhouse API key with `subscriptions: ['read']` (and `write` to stop renewals). */
  apiKey: string;
}

/**
 * A stand-in for a billing system that lives outside Roundhouse: it reads plans and the key
 * owner's subscriptions over HTTP with the typed client, and can stop a renewal.
 */
export function createBillingService(options: BillingServiceOptions) {
  const api: RoundhouseClient = createRoundhouseClient({
    url: options.apiUrl,
    apiKey: options.apiKey,
  });

  return {
    /** What the active, renewing subscriptions bring in per billing period, in minor units. */
    async recurringRevenue(currency: Currency): Promise<number> {
      const [plans, subscriptions] = await Promise.all([
        api.plans.list.query(),
        api.subscriptions.list.query(),
      ]);
      const price = new Map(
        plans.map((plan) => [
          plan.id,
          plan.prices.find((p) => p.currency === currency)?.amountMinor ?? 0,
        ]),
      );
      return renewing(subscriptions).reduce((sum, s) => sum + (price.get(s.plan) ?? 0), 0);
    },

    /** Renewing subscriptions whose current period ends before `date`, soonest first. */
    async renewalsDue(date: Date): Promise<Subscription[]> {
      const subscriptions = await api.subscriptions.list.query();
      return renewing(subscriptions)
        .filter((s) => s.currentPeriodEnd !== null && s.currentPeriodEnd < date)
        .sort((a, b) => a.currentPeriodEnd!.getTime() - b.currentPeriodEnd!.getTime());
    },

    /** Stops a subscription from renewing at the end of its period. */
    stopRenewal(subscriptionId: string): Promise<Subscription> {
      return api.subscriptions.cancelAtPeriodEnd.mutate({ subscriptionId, cancel: true });
    },
  };
}

function renewing(subscriptions: Subscription[]): Subscription[] {
  return subscriptions.filter((s) => s.status === 'ACTIVE' && !s.cancelAtPeriodEnd);
}
