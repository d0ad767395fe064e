import { useQueryClient } from '@tanstack/react-query';
import { useTRPC, useTRPCClient } from '../../lib/trpc';

export type BulkAction = 'retry' | 'healthCheck';

/**
 * The admin's instance actions as plain async calls (one or many rows), then one refresh of
 * every admin instance query and the fleet stats, however many rows were acted on.
 */
export function useInstanceAdminActions() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.admin.instances.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.stats.pathKey() }),
    ]);
  return {
    refresh,
    retry: (instanceId: string) => client.admin.instances.retry.mutate({ instanceId }),
    healthCheck: (instanceId: string) => client.admin.instances.healthCheck.mutate({ instanceId }),
    suspend: (instanceId: string, reason: string) =>
      client.admin.instances.suspend.mutate({ instanceId, reason }),
    resume: (instanceId: string) => client.admin.instances.resume.mutate({ instanceId }),
  };
}
