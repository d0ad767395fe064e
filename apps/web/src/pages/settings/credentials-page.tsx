import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { KeyRound } from 'lucide-react';
import {
  buttonClasses,
  EmptyState,
  Field,
  PageHeader,
  QueryState,
  Select,
} from '../../components/ui';
import { CredentialsPanel } from '../../features/settings/credentials-panel';
import { useI18n } from '../../i18n';
import { useTRPC } from '../../lib/trpc';

/** `/credentials?instance=<id>`: pick an instance (preselected from the URL), edit its channels. */
export function CredentialsPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const { instance: wanted } = useSearch({ strict: false }) as { instance?: string };
  const instances = useQuery(trpc.instances.list.queryOptions({ limit: 100 }));

  return (
    <div>
      <PageHeader
        title={t('settings.credentials.title')}
        description={t('settings.credentials.description')}
      />
      <QueryState
        query={instances}
        empty={
          <EmptyState
            icon={<KeyRound />}
            title={t('settings.credentials.noInstances')}
            text={t('settings.credentials.noInstancesText')}
            action={
              <Link to="/plans" className={buttonClasses('primary')}>
                {t('settings.credentials.browsePlans')}
              </Link>
            }
          />
        }
      >
        {({ items }) => {
          const selected = items.find((i) => i.id === wanted) ?? items[0];
          if (!selected) return null;
          return (
            <div className="space-y-6">
              {items.length > 1 && (
                <Field label={t('settings.credentials.instance')} className="max-w-sm">
                  <Select
                    value={selected.id}
                    onChange={(event) =>
                      void navigate({
                        to: '/credentials',
                        search: { instance: event.target.value },
                        replace: true,
                      })
                    }
                  >
                    {items.map((instance) => (
                      <option key={instance.id} value={instance.id}>
                        {instance.name}
                      </option>
                    ))}
                  </Select>
                </Field>
              )}
              <p className="text-sm text-neutral-600">
                {t('settings.credentials.editing', { name: selected.name })}{' '}
                <Link
                  to="/instances/$instanceId"
                  params={{ instanceId: selected.id }}
                  className="font-medium text-teal-800 underline"
                >
                  {t('settings.credentials.openInstance')}
                </Link>
              </p>
              <CredentialsPanel
                key={selected.subscriptionId}
                subscriptionId={selected.subscriptionId}
                instanceName={selected.name}
              />
            </div>
          );
        }}
      </QueryState>
    </div>
  );
}
