import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Plus, Server } from 'lucide-react';
import { Button, buttonClasses, EmptyState, PageHeader, QueryState } from '../../components/ui';
import { InstanceCard } from '../../features/instances/instance-card';
import { isInstanceBusy, pollWhileBusy } from '../../features/instances/instance-status';
import { useSubscriptionInfo } from '../../features/instances/use-subscription-info';
import { useI18n } from '../../i18n';
import { useTRPC } from '../../lib/trpc';

/** `/instances`: every instance of the customer, refreshing itself while any of them changes. */
export function InstancesPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const subscriptionOf = useSubscriptionInfo();
  const query = useInfiniteQuery({
    ...trpc.instances.list.infiniteQueryOptions(
      { limit: 50 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    // Poll only while something is on its way; react-query stops while the tab is hidden.
    refetchInterval: (q) =>
      pollWhileBusy(
        (q.state.data?.pages ?? []).some((page) =>
          page.items.some((i) => isInstanceBusy(i.status, i.currentDeployment?.status)),
        ),
      ),
  });
  const plansLink = (
    <Link to="/plans" className={buttonClasses('primary')}>
      <Plus aria-hidden="true" className="size-4" />
      {t('instances.buyAnother')}
    </Link>
  );

  return (
    <>
      <PageHeader
        title={t('instances.title')}
        description={t('instances.description')}
        actions={plansLink}
      />
      <QueryState
        query={query}
        isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
        empty={
          <EmptyState
            icon={<Server />}
            title={t('instances.empty.title')}
            text={t('instances.empty.text')}
            action={
              <Link to="/plans" className={buttonClasses('primary')}>
                {t('instances.empty.action')}
              </Link>
            }
          />
        }
      >
        {(data) => (
          <section aria-label={t('instances.list.label')} className="space-y-4">
            <ul className="grid gap-4 md:grid-cols-2">
              {data.pages.flatMap((page) =>
                page.items.map((instance) => (
                  <li key={instance.id}>
                    <InstanceCard
                      instance={instance}
                      subscription={subscriptionOf(instance.subscriptionId)}
                    />
                  </li>
                )),
              )}
            </ul>
            {query.hasNextPage && (
              <Button
                variant="secondary"
                loading={query.isFetchingNextPage}
                onClick={() => void query.fetchNextPage()}
              >
                {t('common.loadMore')}
              </Button>
            )}
          </section>
        )}
      </QueryState>
    </>
  );
}
