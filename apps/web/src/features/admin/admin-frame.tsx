import type { ReactNode } from 'react';
import { LinkTab, LinkTabs, PageHeader } from '../../components/ui';
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

/**
 * Every admin page: the console's section links, then the page's header (by default the
 * section's own `admin.<section>.title` and `.description`) and content.
 */
export function AdminFrame({
  section,
  title,
  description,
  actions,
  children,
}: {
  section: AdminSection;
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div>
      <LinkTabs label={t('admin.title')} className="mb-6">
        {SECTIONS.map(({ key, to }) => (
          <LinkTab key={key} to={to} current={key === section}>
            {t(`admin.nav.${key}`)}
          </LinkTab>
        ))}
      </LinkTabs>
      <PageHeader
        title={title ?? t(`admin.${section}.title`)}
        description={description ?? (title ? undefined : t(`admin.${section}.description`))}
        actions={actions}
      />
      {children}
    </div>
  );
}
