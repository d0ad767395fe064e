import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Dialog } from '../../components/ui';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import type { WebhookEndpoint } from './webhook-endpoint-card';
import { WebhookForm, type WebhookEvent } from './webhook-form';

/** Change an endpoint's URL, description or events (the secret stays). */
export function WebhookEditDialog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const update = useMutation(
    trpc.webhooks.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
        setOpen(false);
      },
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        update.reset();
      }}
      trigger={
        <Button size="sm" variant="secondary">
          {t('settings.webhooks.edit')}
        </Button>
      }
      title={t('settings.webhooks.edit')}
    >
      <WebhookForm
        initial={{
          url: endpoint.url,
          description: endpoint.description ?? '',
          // Stored events were checked against the same list when written.
          events: endpoint.events as WebhookEvent[],
        }}
        submitLabel={t('common.save')}
        pending={update.isPending}
        serverError={update.error ? errorMessage(update.error, t) : null}
        onCancel={() => setOpen(false)}
        onSubmit={(values) =>
          update.mutate({
            endpointId: endpoint.id,
            url: values.url,
            description: values.description.trim() || null,
            events: values.events,
          })
        }
      />
    </Dialog>
  );
}
