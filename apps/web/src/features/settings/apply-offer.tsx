import { RefreshCw } from 'lucide-react';
import { useState } from 'react';
import { Button, useToast } from '../../components/ui';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { useApplyCredentials } from './use-credentials';

/**
 * Shown after credentials changed: they are saved but the instance still runs with the old ones
 * until it is redeployed. "Redeploy now" applies them; "Later" keeps the change saved.
 */
export function ApplyOffer({
  subscriptionId,
  instanceName,
  onDone,
}: {
  subscriptionId: string;
  instanceName: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { toast } = useToast();
  const apply = useApplyCredentials(subscriptionId);
  const [pending, setPending] = useState(false);
  const run = async () => {
    setPending(true);
    try {
      await apply();
      onDone();
    } catch (error) {
      toast({
        tone: 'danger',
        title: t('settings.credentials.applyFailed'),
        description: errorMessage(error, t),
      });
    } finally {
      setPending(false);
    }
  };
  return (
    <div
      role="status"
      className="mb-5 flex flex-col gap-3 rounded-lg border border-sky-200 bg-sky-50 p-4 sm:flex-row sm:items-center sm:justify-between"
    >
      <div className="text-sm text-sky-900">
        <p className="font-medium">{t('settings.credentials.savedTitle')}</p>
        <p>{t('settings.credentials.savedText', { name: instanceName })}</p>
      </div>
      <div className="flex shrink-0 gap-2">
        <Button loading={pending} onClick={() => void run()}>
          <RefreshCw aria-hidden="true" className="size-4" />
          {t('settings.credentials.applyNow')}
        </Button>
        <Button variant="ghost" onClick={onDone} disabled={pending}>
          {t('settings.credentials.later')}
        </Button>
      </div>
    </div>
  );
}
