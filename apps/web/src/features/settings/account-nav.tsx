import { Link } from '@tanstack/react-router';
import { clsx } from 'clsx';
import { focusRing } from '../../components/ui';
import { useI18n } from '../../i18n';

const LINKS = [
  { to: '/account', key: 'settings.account.nav.profile' },
  { to: '/account/api-keys', key: 'settings.account.nav.apiKeys' },
  { to: '/account/webhooks', key: 'settings.account.nav.webhooks' },
] as const;

/** The account section's pages as tabs-like links (each has its own URL). */
export function AccountNav({ active }: { active: (typeof LINKS)[number]['to'] }) {
  const { t } = useI18n();
  return (
    <nav
      aria-label={t('settings.account.title')}
      className="mb-6 flex gap-1 overflow-x-auto border-b border-neutral-200"
    >
      {LINKS.map(({ to, key }) => (
        <Link
          key={to}
          to={to}
          aria-current={to === active ? 'page' : undefined}
          className={clsx(
            '-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap',
            to === active
              ? 'border-teal-700 text-teal-800'
              : 'border-transparent text-neutral-600 hover:text-neutral-900',
            focusRing,
          )}
        >
          {t(key)}
        </Link>
      ))}
    </nav>
  );
}
