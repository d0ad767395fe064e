import { Link } from '@tanstack/react-router';
import { clsx } from 'clsx';
import type { ReactNode } from 'react';
import { focusRing, PageHeader } from '../../components/ui';
import { useI18n } from '../../i18n';

const SECTIONS = [
  { key: 'overview', to: '/admin' },
  { key: 'instances', to: '/admin/instances' },
  { key: 'attention', to: '/admin/attention' },
  { key: 'users', to: '/admin/users' },
  { key: 'orders', to: '/admin/orders' },
  { key: 'refunds', to: '/admin/refunds' },
  { key: 'audit', to: '/admin/audit' },
] as const;

export type AdminSection = (typeof SECTIONS)[number]['key'];

/** Every admin page: the console's section links, then the page's header and content. */
export function AdminFrame({
  section,
  title,
  description,
  actions,
  children,
}: {
  section: AdminSection;
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div>
      <nav
        aria-label={t('admin.title')}
        className="mb-6 flex gap-1 overflow-x-auto border-b border-neutral-200"
      >
        {SECTIONS.map(({ key, to }) => (
          <Link
            key={key}
            to={to}
            aria-current={key === section ? 'page' : undefined}
            className={clsx(
              '-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap',
              key === section
                ? 'border-teal-700 text-teal-800'
                : 'border-transparent text-neutral-600 hover:text-neutral-900',
              focusRing,
            )}
          >
            {t(`admin.nav.${key}`)}
          </Link>
        ))}
      </nav>
      <PageHeader title={title} description={description} actions={actions} />
      {children}
    </div>
  );
}
