import { useQuery } from '@tanstack/react-query';
import { Webhook } from 'lucide-react';
import { EmptyState, PageHeader, QueryState } from '../../components/ui';
import { AccountNav } from '../../features/settings/account-nav';
import { WebhookCreateDialog } from '../../features/settings/webhook-create-dialog';
import { WebhookEndpointCard } from '../../features/settings/webhook-endpoint-card';
import { useI18n } from '../../i18n';
import { useTRPC } from '../../lib/trpc';

/** `/account/webhooks`: outbound endpoints, their signing secrets (shown once) and test sends. */
export function WebhooksPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const endpoints = useQuery(trpc.webhooks.list.queryOptions());
  return (
    <div>
      <PageHeader
        title={t('settings.account.title')}
        description={t('settings.webhooks.description')}
        actions={<WebhookCreateDialog />}
      />
      <AccountNav active="/account/webhooks" />
      <QueryState
        query={endpoints}
        empty={
          <EmptyState
            icon={<Webhook />}
            title={t('settings.webhooks.empty')}
            text={t('settings.webhooks.emptyText')}
          />
        }
      >
        {(list) => (
          <div className="space-y-4">
            {list.map((endpoint) => (
              <WebhookEndpointCard key={endpoint.id} endpoint={endpoint} />
            ))}
          </div>
        )}
      </QueryState>
    </div>
  );
}
