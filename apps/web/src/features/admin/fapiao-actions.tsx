import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Field, FormDialog, Input, Textarea, useToast } from '../../components/ui';
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';

/** The API's rule for a fapiao number, checked before sending. */
const FAPIAO_NUMBER = /^[0-9A-Za-z-]{8,32}$/;

/** Record the number of an issued fapiao, or refuse the request with a reason. */
export function FapiaoActions({ invoiceId, label }: { invoiceId: string; label: string }) {
  const { t } = useI18n();
  const { toast } = useToast();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState('');
  const done = async (key: 'issued' | 'failed') => {
    toast({ title: t(`admin.fapiao.toast.${key}`, { invoice: label }), tone: 'success' });
    await queryClient.invalidateQueries({ queryKey: trpc.admin.billing.fapiao.pathKey() });
  };

  return (
    <div className="flex flex-wrap gap-2">
      <FormDialog
        trigger={<Button size="sm">{t('admin.fapiao.issue')}</Button>}
        title={t('admin.fapiao.issueTitle', { invoice: label })}
        description={t('admin.fapiao.issueText')}
        confirmLabel={t('admin.fapiao.issue')}
        onOpen={() => setNumber('')}
        check={() => (FAPIAO_NUMBER.test(number.trim()) ? null : t('admin.fapiao.numberInvalid'))}
        onSubmit={async () => {
          await client.admin.billing.fapiao.issue.mutate({ invoiceId, number: number.trim() });
          await done('issued');
        }}
      >
        <Field label={t('admin.fapiao.number')} hint={t('admin.fapiao.numberHint')}>
          <Input value={number} maxLength={32} onChange={(e) => setNumber(e.target.value)} />
        </Field>
      </FormDialog>
      <FormDialog
        trigger={
          <Button size="sm" variant="ghost">
            {t('admin.fapiao.fail')}
          </Button>
        }
        tone="danger"
        title={t('admin.fapiao.failTitle', { invoice: label })}
        description={t('admin.fapiao.failText')}
        confirmLabel={t('admin.fapiao.fail')}
        onOpen={() => setReason('')}
        check={() => (reason.trim() ? null : t('admin.reasonRequired'))}
        onSubmit={async () => {
          await client.admin.billing.fapiao.fail.mutate({ invoiceId, reason: reason.trim() });
          await done('failed');
        }}
      >
        <Field label={t('admin.fapiao.reason')}>
          <Textarea value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </Field>
      </FormDialog>
    </div>
  );
}
