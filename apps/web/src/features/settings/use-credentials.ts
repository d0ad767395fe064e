import { useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../components/ui';
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import type { RouterOutputs } from '../../lib/types';

export type StoredCredential = RouterOutputs['credentials']['list'][number];
type ApplyOutcome = RouterOutputs['credentials']['applyToInstance']['apply'];

/** Refreshes the subscription's credentials after a change (lists and exports alike). */
export function useRefreshCredentials() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.credentials.pathKey() });
}

/**
 * "Redeploy now to apply": pushes the stored credentials to the running instance and says what
 * happened; a skip (no instance yet, or not running) is a warning, not an error.
 */
export function useApplyCredentials(subscriptionId: string) {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const { t } = useI18n();
  return async () => {
    const { apply } = await client.credentials.applyToInstance.mutate({ subscriptionId });
    toast(applyToast(apply, t));
    await queryClient.invalidateQueries({ queryKey: trpc.instances.pathKey() });
  };
}

function applyToast(apply: ApplyOutcome, t: ReturnType<typeof useI18n>['t']) {
  if (apply.status === 'queued') {
    return {
      tone: 'success' as const,
      title: t('settings.credentials.applyQueued'),
      description: t('settings.credentials.applyQueuedText'),
    };
  }
  return {
    tone: 'warning' as const,
    title: t('settings.credentials.applySkipped'),
    description: t(`settings.credentials.skip.${apply.reason}`),
  };
}
