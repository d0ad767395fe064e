import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import { useState } from 'react';
import { Button, QueryState, useToast } from '../../components/ui';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { ApplyOffer } from './apply-offer';
import { channelGroups } from './channel-form';
import { ChannelCredentialCard } from './channel-credential-card';
import { CredentialsImportDialog } from './credentials-import-dialog';
import { download } from '../../lib/download';

const GROUPS = channelGroups();

/** One instance's channel credentials: chat channels, then model providers, import/export. */
export function CredentialsPanel({
  subscriptionId,
  instanceName,
}: {
  subscriptionId: string;
  instanceName: string;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const credentials = useQuery(trpc.credentials.list.queryOptions({ subscriptionId }));
  const [offerApply, setOfferApply] = useState(false);
  const [exporting, setExporting] = useState(false);

  const exportMasked = async () => {
    setExporting(true);
    try {
      const document = await queryClient.fetchQuery(
        trpc.credentials.export.queryOptions({ subscriptionId }, { staleTime: 0 }),
      );
      download(
        `roundhouse-credentials-${instanceName}.json`,
        `${JSON.stringify(document, null, 2)}\n`,
        'application/json',
      );
    } catch (error) {
      toast({
        tone: 'danger',
        title: t('settings.export.failed'),
        description: errorMessage(error, t),
      });
    } finally {
      setExporting(false);
    }
  };

  return (
    <section aria-label={t('settings.credentials.forInstance', { name: instanceName })}>
      {offerApply && (
        <ApplyOffer
          subscriptionId={subscriptionId}
          instanceName={instanceName}
          onDone={() => setOfferApply(false)}
        />
      )}
      <QueryState query={credentials}>
        {(list) => {
          const stored = new Map(list.map((row) => [row.channel, row]));
          return (
            <div className="space-y-8">
              <div className="flex flex-wrap gap-2">
                <CredentialsImportDialog
                  subscriptionId={subscriptionId}
                  stored={new Set(stored.keys())}
                  onImported={() => {
                    toast({ tone: 'success', title: t('settings.import.done') });
                    void queryClient.invalidateQueries({ queryKey: trpc.credentials.pathKey() });
                    setOfferApply(true);
                  }}
                />
                <Button
                  variant="secondary"
                  size="sm"
                  loading={exporting}
                  onClick={() => void exportMasked()}
                >
                  <Download aria-hidden="true" className="size-4" />
                  {t('settings.export.button')}
                </Button>
              </div>
              {GROUPS.map((group) => (
                <section key={group.kind} aria-labelledby={`group-${group.kind}`}>
                  <h2
                    id={`group-${group.kind}`}
                    className="mb-1 text-lg font-semibold text-neutral-900"
                  >
                    {t(`settings.credentials.group.${group.kind}`)}
                  </h2>
                  <p className="mb-3 text-sm text-neutral-600">
                    {t(`settings.credentials.groupText.${group.kind}`)}
                  </p>
                  <div className="grid gap-4 lg:grid-cols-2">
                    {group.channels.map((channel) => (
                      <ChannelCredentialCard
                        key={channel.id}
                        channel={channel}
                        stored={stored.get(channel.id)}
                        subscriptionId={subscriptionId}
                        onChanged={() => setOfferApply(true)}
                      />
                    ))}
                  </div>
                </section>
              ))}
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}
