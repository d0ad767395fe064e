import { PageHeader, SkeletonLines } from '../../components/ui';
import { AccountNav } from '../../features/settings/account-nav';
import { PasswordCard } from '../../features/settings/password-card';
import { ProfileCard } from '../../features/settings/profile-card';
import { SessionsCard } from '../../features/settings/sessions-card';
import { useI18n } from '../../i18n';
import { useSessionUser } from '../../lib/auth-client';

/** `/account`: profile, password, other sessions. */
export function AccountPage() {
  const { t } = useI18n();
  const { user } = useSessionUser();
  return (
    <div>
      <PageHeader
        title={t('settings.account.title')}
        description={t('settings.account.description')}
      />
      <AccountNav active="/account" />
      {user ? (
        <div className="grid gap-5 lg:grid-cols-2">
          <ProfileCard key={user.id} user={user} />
          <PasswordCard />
          <SessionsCard />
        </div>
      ) : (
        <SkeletonLines label={t('common.loading')} />
      )}
    </div>
  );
}
