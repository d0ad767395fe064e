import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Button, Dialog, SecretReveal } from '../../components/ui';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { WebhookForm, type WebhookFormValues } from './webhook-form';

const EMPTY: WebhookFormValues = { url: '', description: '', events: [] };

/** Add an endpoint; its signing secret is shown once, right after. */
export function WebhookCreateDialog() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() }),
    }),
  );
  const close = (next: boolean) => {
    setOpen(next);
    create.reset();
  };
  return (
    <Dialog
      open={open}
      onOpenChange={close}
      trigger={
        <Button>
          <Plus aria-hidden="true" className="size-4" />
          {t('settings.webhooks.add')}
        </Button>
      }
      title={create.data ? t('settings.webhooks.createdTitle') : t('settings.webhooks.add')}
    >
      {create.data ? (
        <div className="space-y-4">
          <SecretReveal label={t('settings.webhooks.secret')} secret={create.data.secret} />
          <Button onClick={() => close(false)}>{t('settings.apiKeys.done')}</Button>
        </div>
      ) : (
        <WebhookForm
          initial={EMPTY}
          submitLabel={t('settings.webhooks.add')}
          pending={create.isPending}
          serverError={create.error ? errorMessage(create.error, t) : null}
          onCancel={() => close(false)}
          onSubmit={(values) =>
            create.mutate({
              url: values.url,
              description: values.description.trim() || null,
              events: values.events,
            })
          }
        />
      )}
    </Dialog>
  );
}
