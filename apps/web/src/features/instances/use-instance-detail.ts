import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import type { RouterOutputs } from '../../lib/types';
import { isInstanceBusy, pollWhileBusy } from './instance-status';

export type InstanceDetail = RouterOutputs['instances']['detail'];

/** instances.detail, polled every few seconds only while the instance is changing. */
export function useInstanceDetail(instanceId: string) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.instances.detail.queryOptions({ instanceId }),
    refetchInterval: (q) => {
      const i = q.state.data;
      return pollWhileBusy(!!i && isInstanceBusy(i.status, i.currentDeployment?.status));
    },
  });
}
