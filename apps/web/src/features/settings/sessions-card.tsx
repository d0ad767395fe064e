import {
  Button,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  ConfirmDialog,
  useToast,
} from '../../components/ui';
import { useI18n } from '../../i18n';
import { authClient } from '../../lib/auth-client';

/** Signs out every other browser and device; this one stays signed in. */
export function SessionsCard() {
  const { t } = useI18n();
  const { toast } = useToast();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('settings.account.sessions')}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3">
        <p className="text-sm text-neutral-600">{t('settings.account.sessionsText')}</p>
        <ConfirmDialog
          trigger={<Button variant="secondary">{t('settings.account.signOutOthers')}</Button>}
          title={t('settings.account.signOutOthersTitle')}
          description={t('settings.account.signOutOthersText')}
          confirmLabel={t('settings.account.signOutOthers')}
          onConfirm={async () => {
            const result = await authClient.revokeOtherSessions();
            // ConfirmDialog shows a thrown error inline (errorMessage reads its status).
            if (result.error) throw Object.assign(new Error(result.error.message), result.error);
            toast({ tone: 'success', title: t('settings.account.signedOutOthers') });
          }}
        />
      </CardContent>
    </Card>
  );
}
