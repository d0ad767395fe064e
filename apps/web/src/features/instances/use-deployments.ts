import { useInfiniteQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import type { RouterOutputs } from '../../lib/types';
import { isDeploymentInflight, pollWhileBusy } from './instance-status';

export type Deployment = RouterOutputs['instances']['deployments']['items'][number];

/** An instance's deployments, newest first, a page at a time; polled while the newest runs. */
export function useDeployments(instanceId: string) {
  const trpc = useTRPC();
  return useInfiniteQuery({
    ...trpc.instances.deployments.infiniteQueryOptions(
      { instanceId, limit: 20 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    refetchInterval: (q) =>
      pollWhileBusy(isDeploymentInflight(q.state.data?.pages[0]?.items[0]?.status)),
  });
}
