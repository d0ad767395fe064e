import { LinkTab, LinkTabs } from '../../components/ui';
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
    <LinkTabs label={t('settings.account.title')} className="mb-6">
      {LINKS.map(({ to, key }) => (
        <LinkTab key={to} to={to} current={to === active}>
          {t(key)}
        </LinkTab>
      ))}
    </LinkTabs>
  );
}
