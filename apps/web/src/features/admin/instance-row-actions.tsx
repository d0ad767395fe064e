import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { Button, buttonClasses, useToast } from '../../components/ui';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { useInstanceAdminActions, type BulkAction } from './use-instance-admin-actions';

/** One-click retry (failed instances only) and health check, and a link to the detail. */
export function InstanceRowActions({
  instanceId,
  name,
  canRetry,
}: {
  instanceId: string;
  name: string;
  canRetry: boolean;
}) {
  const { t } = useI18n();
  const { toast } = useToast();
  const actions = useInstanceAdminActions();
  const [pending, setPending] = useState<BulkAction | null>(null);

  const run = async (action: BulkAction) => {
    setPending(action);
    try {
      await actions[action](instanceId);
      toast({ title: t(`admin.toast.${action}`, { name }), tone: 'success' });
      await actions.refresh();
    } catch (error) {
      toast({
        title: t('admin.toast.failed', { name }),
        description: errorMessage(error, t),
        tone: 'danger',
      });
    } finally {
      setPending(null);
    }
  };

  return (
    <div className="flex flex-wrap gap-2">
      {canRetry && (
        <Button
          size="sm"
          loading={pending === 'retry'}
          disabled={pending !== null}
          onClick={() => void run('retry')}
          aria-label={t('admin.action.retryNamed', { name })}
        >
          {t('admin.action.retry')}
        </Button>
      )}
      <Button
        size="sm"
        variant="secondary"
        loading={pending === 'healthCheck'}
        disabled={pending !== null}
        onClick={() => void run('healthCheck')}
        aria-label={t('admin.action.healthCheckNamed', { name })}
      >
        {t('admin.action.healthCheck')}
      </Button>
      <Link
        to="/admin/instances/$instanceId"
        params={{ instanceId }}
        className={buttonClasses('ghost', 'sm')}
        aria-label={t('admin.action.openNamed', { name })}
      >
        {t('admin.action.open')}
      </Link>
    </div>
  );
}
