import type { ReactNode } from 'react';
import { QueryState } from '../../components/ui';
import { InstanceHeader } from './instance-header';
import { InstanceTabs, type InstanceView } from './instance-tabs';
import { useDeployments, type Deployment } from './use-deployments';
import { useInstanceDetail, type InstanceDetail } from './use-instance-detail';

export interface InstanceFrameData {
  instance: InstanceDetail;
  deployments: ReturnType<typeof useDeployments>;
  deploymentList: Deployment[];
}

/** Header, actions and tabs around one of an instance's views; loading and errors handled. */
export function InstanceFrame({
  instanceId,
  view,
  children,
}: {
  instanceId: string;
  view: InstanceView;
  children: (data: InstanceFrameData) => ReactNode;
}) {
  const detail = useInstanceDetail(instanceId);
  const deployments = useDeployments(instanceId);
  const deploymentList = deployments.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <QueryState query={detail}>
      {(instance) => (
        <>
          <InstanceHeader instance={instance} deployments={deploymentList} />
          <InstanceTabs instanceId={instanceId} active={view} />
          {children({ instance, deployments, deploymentList })}
        </>
      )}
    </QueryState>
  );
}
