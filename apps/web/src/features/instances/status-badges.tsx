import type { DeploymentStatus, InstanceStatus } from '@roundhouse/core';
import { Badge } from '../../components/ui';
import { useI18n } from '../../i18n';
import { deploymentTone, instanceTone } from './instance-status';

export function InstanceStatusBadge({ status }: { status: InstanceStatus }) {
  const { t } = useI18n();
  return (
    <Badge tone={instanceTone(status)} data-status={status}>
      {t(`instances.status.${status}`)}
    </Badge>
  );
}

export function DeploymentStatusBadge({ status }: { status: DeploymentStatus }) {
  const { t } = useI18n();
  return (
    <Badge tone={deploymentTone(status)} data-status={status}>
      {t(`instances.deploymentStatus.${status}`)}
    </Badge>
  );
}
