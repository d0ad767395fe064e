import { useState } from 'react';
import { Button, ConfirmDialog, Field, FormDialog, Textarea, useToast } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { RouterOutputs } from '../../lib/types';
import { useInstanceAdminActions } from './use-instance-admin-actions';

type Detail = RouterOutputs['admin']['instances']['detail'];

/** The admin's actions on one instance, each confirmed: health check, retry, suspend, resume. */
export function InstanceAdminActions({ instance }: { instance: Detail }) {
  const { t } = useI18n();
  const { toast } = useToast();
  const actions = useInstanceAdminActions();
  const [reason, setReason] = useState('');
  const done = async (key: 'healthCheck' | 'retry' | 'suspend' | 'resume') => {
    toast({ title: t(`admin.toast.${key}`, { name: instance.name }), tone: 'success' });
    await actions.refresh();
  };
  const suspended = instance.status === 'SUSPENDED';
  const gone = instance.status === 'DELETING' || instance.status === 'DELETED';

  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label={t('admin.detail.actions')}>
      <ConfirmDialog
        trigger={
          <Button variant="secondary" disabled={gone}>
            {t('admin.action.healthCheck')}
          </Button>
        }
        title={t('admin.detail.healthCheckTitle', { name: instance.name })}
        description={t('admin.detail.healthCheckText')}
        confirmLabel={t('admin.action.healthCheck')}
        onConfirm={async () => {
          await actions.healthCheck(instance.id);
          await done('healthCheck');
        }}
      />
      {instance.status === 'FAILED' && (
        <ConfirmDialog
          trigger={<Button>{t('admin.action.retry')}</Button>}
          title={t('admin.detail.retryTitle', { name: instance.name })}
          description={t('admin.detail.retryText')}
          confirmLabel={t('admin.action.retry')}
          onConfirm={async () => {
            await actions.retry(instance.id);
            await done('retry');
          }}
        />
      )}
      {suspended ? (
        <ConfirmDialog
          trigger={<Button variant="secondary">{t('admin.action.resume')}</Button>}
          title={t('admin.detail.resumeTitle', { name: instance.name })}
          description={t('admin.detail.resumeText')}
          confirmLabel={t('admin.action.resume')}
          onConfirm={async () => {
            await actions.resume(instance.id);
            await done('resume');
          }}
        />
      ) : (
        <FormDialog
          trigger={
            <Button variant="danger" disabled={gone}>
              {t('admin.action.suspend')}
            </Button>
          }
          tone="danger"
          title={t('admin.detail.suspendTitle', { name: instance.name })}
          description={t('admin.detail.suspendText')}
          confirmLabel={t('admin.action.suspend')}
          onOpen={() => setReason('')}
          check={() => (reason.trim() ? null : t('admin.reasonRequired'))}
          onSubmit={async () => {
            await actions.suspend(instance.id, reason.trim());
            await done('suspend');
          }}
        >
          <Field label={t('admin.detail.suspendReason')}>
            <Textarea value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </Field>
        </FormDialog>
      )}
    </div>
  );
}
