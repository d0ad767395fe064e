import { Link } from '@tanstack/react-router';
import { clsx } from 'clsx';
import { focusRing } from '../../components/ui';
import { useI18n } from '../../i18n';

export type InstanceView = 'overview' | 'deployments' | 'logs' | 'credentials';

const tabClass = (active: boolean) =>
  clsx(
    '-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap',
    active
      ? 'border-teal-700 text-teal-800'
      : 'border-transparent text-neutral-600 hover:text-neutral-900',
    focusRing,
  );

/**
 * The instance's views as links (each has its own URL, so logs can be bookmarked and the
 * browser's back button works), marked with aria-current.
 */
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
    <nav
      aria-label={t('instances.title')}
      className="mb-5 flex gap-1 overflow-x-auto border-b border-neutral-200"
    >
      {TABS.map(({ view, to, search }) => (
        <Link
          key={view}
          to={to}
          params={{ instanceId }}
          search={search}
          aria-current={view === active ? 'page' : undefined}
          className={tabClass(view === active)}
        >
          {t(`instances.tab.${view}`)}
        </Link>
      ))}
    </nav>
  );
}
