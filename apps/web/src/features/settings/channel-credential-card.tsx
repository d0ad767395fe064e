import type { ChannelDefinition } from '@roundhouse/core';
import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  ConfirmDialog,
  useToast,
} from '../../components/ui';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { useTRPCClient } from '../../lib/trpc';
import { ChannelCredentialForm } from './channel-credential-form';
import { useRefreshCredentials, type StoredCredential } from './use-credentials';

/**
 * A channel of the catalog for one subscription: whether it is set (masked: last 4 characters,
 * when it was validated), enable/disable, replace, delete. Every change calls `onChanged`, which
 * offers to apply the change to the running instance.
 */
export function ChannelCredentialCard({
  channel,
  stored,
  subscriptionId,
  onChanged,
}: {
  channel: ChannelDefinition;
  stored: StoredCredential | undefined;
  subscriptionId: string;
  onChanged: () => void;
}) {
  const { t, fmt, locale } = useI18n();
  const client = useTRPCClient();
  const refresh = useRefreshCredentials();
  const { toast } = useToast();
  const [editing, setEditing] = useState(false);
  const [toggling, setToggling] = useState(false);
  const name = channel.name[locale];
  const titleId = `channel-${channel.id}`;
  const scope = { subscriptionId, channel: channel.id, apply: false };

  const changed = async () => {
    await refresh();
    onChanged();
  };
  const toggle = async () => {
    setToggling(true);
    try {
      await (stored?.enabled
        ? client.credentials.disable.mutate(scope)
        : client.credentials.enable.mutate(scope));
      await changed();
    } catch (error) {
      // e.g. enabling one more chat channel than the plan allows: say so, change nothing.
      toast({
        tone: 'danger',
        title: t('settings.credentials.toggleFailed'),
        description: errorMessage(error, t),
      });
    } finally {
      setToggling(false);
    }
  };

  return (
    <Card role="group" aria-labelledby={titleId}>
      <CardHeader className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle id={titleId}>{name}</CardTitle>
        {!stored ? (
          <Badge>{t('settings.credentials.notSet')}</Badge>
        ) : stored.enabled ? (
          <Badge tone="success">{t('settings.credentials.enabled')}</Badge>
        ) : (
          <Badge tone="warning">{t('settings.credentials.disabled')}</Badge>
        )}
      </CardHeader>
      <CardContent className="space-y-4">
        {stored && (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-neutral-600">{t('settings.credentials.current')}</dt>
            <dd className="font-mono">
              {stored.last4 ? `••••${stored.last4}` : t('settings.credentials.stored')}
            </dd>
            <dt className="text-neutral-600">{t('settings.credentials.validatedAt')}</dt>
            <dd>
              {stored.validatedAt
                ? fmt.dateTime(stored.validatedAt)
                : t('settings.credentials.notValidated')}
            </dd>
            <dt className="text-neutral-600">{t('settings.credentials.updatedAt')}</dt>
            <dd>{fmt.relative(stored.updatedAt)}</dd>
          </dl>
        )}
        {editing ? (
          <ChannelCredentialForm
            channel={channel}
            subscriptionId={subscriptionId}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              void changed();
            }}
          />
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              variant={stored ? 'secondary' : 'primary'}
              onClick={() => setEditing(true)}
              aria-label={`${stored ? t('settings.credentials.replace') : t('settings.credentials.connect')} ${name}`}
            >
              {stored ? t('settings.credentials.replace') : t('settings.credentials.connect')}
            </Button>
            {stored && (
              <Button
                size="sm"
                variant="secondary"
                loading={toggling}
                onClick={() => void toggle()}
                aria-label={`${stored.enabled ? t('settings.credentials.disable') : t('settings.credentials.enable')} ${name}`}
              >
                {stored.enabled
                  ? t('settings.credentials.disable')
                  : t('settings.credentials.enable')}
              </Button>
            )}
            {stored && (
              <ConfirmDialog
                trigger={
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`${t('settings.credentials.delete')} ${name}`}
                  >
                    {t('settings.credentials.delete')}
                  </Button>
                }
                tone="danger"
                title={t('settings.credentials.deleteTitle', { channel: name })}
                description={t('settings.credentials.deleteText')}
                confirmLabel={t('settings.credentials.delete')}
                onConfirm={async () => {
                  await client.credentials.delete.mutate(scope);
                  await changed();
                }}
              />
            )}
          </div>
        )}
      </CardContent>
    </Card>
  );
}
