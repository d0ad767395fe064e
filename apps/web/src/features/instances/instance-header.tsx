import { useNavigate } from '@tanstack/react-router';
import { useI18n } from '../../i18n';
import { InstanceActionsBar } from './instance-actions-bar';
import { PublicUrl } from './public-url';
import { rollbackTarget } from './rollback-target';
import { InstanceStatusBadge } from './status-badges';
import type { Deployment } from './use-deployments';
import type { InstanceDetail } from './use-instance-detail';
import { useSubscriptionInfo } from './use-subscription-info';
import { BackLink } from '../../components/ui';

/** Name, status, URL, plan and paid-until date, and the actions. */
export function InstanceHeader({
  instance,
  deployments,
}: {
  instance: InstanceDetail;
  /** Newest first (the first page is enough to find the rollback target). */
  deployments: Deployment[];
}) {
  const { t, fmt } = useI18n();
  const navigate = useNavigate();
  const subscription = useSubscriptionInfo()(instance.subscriptionId);
  const current = instance.currentDeployment;
  const target = rollbackTarget(deployments);

  return (
    <header className="mb-6 space-y-4">
      <BackLink to="/instances">{t('instances.backToList')}</BackLink>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 truncate text-2xl font-semibold tracking-tight text-neutral-900">
          {instance.name}
        </h1>
        <InstanceStatusBadge status={instance.status} />
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm sm:gap-x-6">
        <dt className="text-neutral-500">{t('instances.publicUrl')}</dt>
        <dd className="min-w-0">
          <PublicUrl url={instance.publicUrl} />
        </dd>
        {subscription && (
          <>
            <dt className="text-neutral-500">{t('instances.plan')}</dt>
            <dd className="text-neutral-900">{subscription.planName}</dd>
            {subscription.periodEnd && (
              <>
                <dt className="text-neutral-500">{t('instances.periodEnd')}</dt>
                <dd className="text-neutral-900">{fmt.date(subscription.periodEnd)}</dd>
              </>
            )}
          </>
        )}
        {instance.statusReason && (
          <>
            <dt className="text-neutral-500">{t('instances.statusReason')}</dt>
            <dd className="text-neutral-900">{instance.statusReason}</dd>
          </>
        )}
      </dl>
      <InstanceActionsBar
        instance={instance}
        state={{
          instanceStatus: instance.status,
          deploymentStatus: current?.status ?? null,
          hasRollbackTarget: target !== null,
        }}
        rollbackTo={target ? (target.queuedAt ?? target.createdAt) : null}
        inflightKind={current ? t(`instances.kind.${current.kind}`) : null}
        onDeleted={() => void navigate({ to: '/instances' })}
      />
    </header>
  );
}
