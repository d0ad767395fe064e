import { Link } from '@tanstack/react-router';
import { Plus, Server } from 'lucide-react';
import { buttonClasses, CursorListState, EmptyState, PageHeader } from '../../components/ui';
import { InstanceCard } from '../../features/instances/instance-card';
import { isInstanceBusy, pollWhileBusy } from '../../features/instances/instance-status';
import { useSubscriptionInfo } from '../../features/instances/use-subscription-info';
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { useCursorList } from '../../lib/use-cursor-list';

/** `/instances`: every instance of the customer, refreshing itself while any of them changes. */
export function InstancesPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const subscriptionOf = useSubscriptionInfo();
  const input = { limit: 50 };
  const list = useCursorList(
    [...trpc.instances.list.infiniteQueryKey(input)],
    (cursor) => client.instances.list.query({ ...input, cursor }),
    {
      // Poll only while something is on its way; react-query stops while the tab is hidden.
      refetchInterval: (items) =>
        pollWhileBusy(items.some((i) => isInstanceBusy(i.status, i.currentDeployment?.status))),
    },
  );
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
      <CursorListState
        list={list}
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
        {(items) => (
          <section aria-label={t('instances.list.label')}>
            <ul className="grid gap-4 md:grid-cols-2">
              {items.map((instance) => (
                <li key={instance.id}>
                  <InstanceCard
                    instance={instance}
                    subscription={subscriptionOf(instance.subscriptionId)}
                  />
                </li>
              ))}
            </ul>
          </section>
        )}
      </CursorListState>
    </>
  );
}
