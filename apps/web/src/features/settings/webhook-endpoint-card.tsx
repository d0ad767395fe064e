import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  CardContent,
  CardHeader,
  ConfirmDialog,
  Dialog,
  SecretReveal,
  useToast,
} from '../../components/ui';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import type { RouterOutputs } from '../../lib/types';
import { TestDeliveryResult } from './test-delivery-result';
import { useTestDelivery } from './use-test-delivery';
import { WebhookEditDialog } from './webhook-edit-dialog';

export type WebhookEndpoint = RouterOutputs['webhooks']['list'][number];

/** An endpoint: where, which events, how deliveries went; edit, test, rotate, disable, delete. */
export function WebhookEndpointCard({ endpoint: listed }: { endpoint: WebhookEndpoint }) {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const test = useTestDelivery(listed.id, listed.lastDeliveryAt);
  const endpoint = test.latest ?? listed;
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState<'toggle' | 'test' | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });

  const act = async (which: 'toggle' | 'test', action: () => Promise<unknown>) => {
    setBusy(which);
    try {
      await action();
    } catch (error) {
      toast({
        tone: 'danger',
        title: t('settings.webhooks.actionFailed'),
        description: errorMessage(error, t),
      });
    } finally {
      setBusy(null);
    }
  };
  const titleId = `webhook-${endpoint.id}`;

  return (
    <Card role="group" aria-labelledby={titleId}>
      <CardHeader className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p id={titleId} className="font-mono text-sm font-medium break-all text-neutral-900">
            {endpoint.url}
          </p>
          {endpoint.description && (
            <p className="mt-0.5 text-sm text-neutral-600">{endpoint.description}</p>
          )}
        </div>
        <div className="flex flex-wrap gap-1.5">
          {endpoint.enabled ? (
            <Badge tone="success">{t('settings.webhooks.enabled')}</Badge>
          ) : (
            <Badge tone="warning">{t('settings.webhooks.disabled')}</Badge>
          )}
          {endpoint.failureCount > 0 && (
            <Badge tone="danger">
              {t('settings.webhooks.failures', { count: endpoint.failureCount })}
            </Badge>
          )}
        </div>
      </CardHeader>
      <CardContent className="space-y-4">
        <ul aria-label={t('settings.webhooks.events')} className="flex flex-wrap gap-1.5">
          {endpoint.events.map((event) => (
            <li key={event}>
              <Badge tone="info" className="font-mono">
                {event}
              </Badge>
            </li>
          ))}
        </ul>
        <p className="text-xs text-neutral-600">
          {endpoint.lastDeliveryAt
            ? t('settings.webhooks.lastDelivery', { when: fmt.relative(endpoint.lastDeliveryAt) })
            : t('settings.webhooks.noDeliveries')}
        </p>
        {test.state && <TestDeliveryResult state={test.state} />}
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            loading={busy === 'test' || test.state === 'sending'}
            disabled={!endpoint.enabled}
            onClick={() => void act('test', test.send)}
          >
            {t('settings.webhooks.sendTest')}
          </Button>
          <WebhookEditDialog endpoint={endpoint} />
          <Button
            size="sm"
            variant="secondary"
            loading={busy === 'toggle'}
            onClick={() =>
              void act('toggle', async () => {
                await client.webhooks.update.mutate({
                  endpointId: endpoint.id,
                  enabled: !endpoint.enabled,
                });
                await refresh();
              })
            }
          >
            {endpoint.enabled ? t('settings.webhooks.disable') : t('settings.webhooks.enable')}
          </Button>
          <ConfirmDialog
            trigger={
              <Button size="sm" variant="secondary">
                {t('settings.webhooks.rotate')}
              </Button>
            }
            title={t('settings.webhooks.rotateTitle')}
            description={t('settings.webhooks.rotateText')}
            confirmLabel={t('settings.webhooks.rotate')}
            onConfirm={async () => {
              const result = await client.webhooks.rotateSecret.mutate({ endpointId: endpoint.id });
              setSecret(result.secret);
              await refresh();
            }}
          />
          <ConfirmDialog
            trigger={
              <Button size="sm" variant="ghost">
                {t('settings.webhooks.delete')}
              </Button>
            }
            tone="danger"
            title={t('settings.webhooks.deleteTitle')}
            description={t('settings.webhooks.deleteText', { url: endpoint.url })}
            confirmLabel={t('settings.webhooks.delete')}
            onConfirm={async () => {
              await client.webhooks.delete.mutate({ endpointId: endpoint.id });
              await refresh();
            }}
          />
        </div>
      </CardContent>
      <Dialog
        open={secret !== null}
        onOpenChange={(open) => !open && setSecret(null)}
        title={t('settings.webhooks.rotatedTitle')}
      >
        {secret && <SecretReveal label={t('settings.webhooks.secret')} secret={secret} />}
      </Dialog>
    </Card>
  );
}
