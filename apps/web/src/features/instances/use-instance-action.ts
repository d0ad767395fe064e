import { useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../components/ui';
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import type { InstanceAction } from './instance-actions';

/**
 * Runs a lifecycle action; on success refreshes every instances query and says what started.
 * A failure is thrown to the caller (the ConfirmDialog shows it, e.g. a CONFLICT, readably).
 */
export function useInstanceAction(instanceId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const { t } = useI18n();
  return async (action: InstanceAction) => {
    await client.instances[action].mutate({ instanceId });
    toast({
      title: t(`instances.done.${action}`),
      description: action === 'delete' ? undefined : t('instances.done.followText'),
      tone: 'success',
    });
    await queryClient.invalidateQueries({ queryKey: trpc.instances.pathKey() });
  };
}
