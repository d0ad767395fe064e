import { Link } from '@tanstack/react-router';
import { Card } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { RouterOutputs } from '../../lib/types';
import { isDeploymentInflight } from './instance-status';
import { DeploymentBar } from './progress-bar';
import { PublicUrl } from './public-url';
import { InstanceStatusBadge } from './status-badges';
import type { SubscriptionInfo } from './use-subscription-info';

export type InstanceListItem = RouterOutputs['instances']['list']['items'][number];

/** One instance in the list: name, plan, status, URL, and the bar while a deployment runs. */
export function InstanceCard({
  instance,
  subscription,
}: {
  instance: InstanceListItem;
  subscription: SubscriptionInfo | undefined;
}) {
  const { t, fmt } = useI18n();
  const deployment = instance.currentDeployment;
  return (
    <Card className="p-4 sm:p-5" data-testid="instance-card" data-instance-id={instance.id}>
      <article aria-labelledby={`instance-${instance.id}`} className="space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <h2 id={`instance-${instance.id}`} className="truncate text-base font-semibold">
              <Link
                to="/instances/$instanceId"
                params={{ instanceId: instance.id }}
                className="text-neutral-900 hover:text-teal-800 hover:underline focus-visible:outline-2 focus-visible:outline-teal-600"
              >
                {instance.name}
              </Link>
            </h2>
            {subscription && <p className="text-sm text-neutral-600">{subscription.planName}</p>}
          </div>
          <InstanceStatusBadge status={instance.status} />
        </div>
        <PublicUrl url={instance.publicUrl} />
        {deployment && isDeploymentInflight(deployment.status) && (
          <div className="space-y-1">
            <p className="text-xs text-neutral-600">
              {t(`instances.kind.${deployment.kind}`)}
              {' · '}
              {t(`instances.deploymentStatus.${deployment.status}`)}
            </p>
            <DeploymentBar value={deployment.progress} label={t('instances.progress.label')} />
          </div>
        )}
        <p className="text-xs text-neutral-500">
          {t('instances.list.updated', { when: fmt.relative(instance.updatedAt) })}
        </p>
      </article>
    </Card>
  );
}
