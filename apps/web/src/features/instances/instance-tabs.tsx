import { LinkTab, LinkTabs } from '../../components/ui';
import { useI18n } from '../../i18n';

export type InstanceView = 'overview' | 'deployments' | 'logs' | 'credentials';

const TABS = [
  { view: 'overview', to: '/instances/$instanceId', search: {} },
  { view: 'deployments', to: '/instances/$instanceId', search: { tab: 'deployments' } },
  { view: 'logs', to: '/instances/$instanceId/logs', search: {} },
  { view: 'credentials', to: '/instances/$instanceId', search: { tab: 'credentials' } },
] as const satisfies readonly { view: InstanceView; to: string; search: object }[];

/**
 * The instance's views as links (each has its own URL, so logs can be bookmarked and the
 * browser's back button works), the active one marked with aria-current.
 */
export function InstanceTabs({ instanceId, active }: { instanceId: string; active: InstanceView }) {
  const { t } = useI18n();
  return (
    <LinkTabs label={t('instances.title')} className="mb-5">
      {TABS.map(({ view, to, search }) => (
        <LinkTab
          key={view}
          to={to}
          params={{ instanceId }}
          search={search}
          current={view === active}
        >
          {t(`instances.tab.${view}`)}
        </LinkTab>
      ))}
    </LinkTabs>
  );
}
