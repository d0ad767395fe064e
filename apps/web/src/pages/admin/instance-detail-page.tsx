import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import {
  BackLink,
  Badge,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  ProgressBar,
  QueryState,
} from '../../components/ui';
import { AdminFrame } from '../../features/admin/admin-frame';
import { toProgressDeployment } from '../../features/admin/deployment-progress';
import { DeploymentEvents } from '../../features/admin/deployment-events';
import { InstanceAdminActions } from '../../features/admin/instance-admin-actions';
import { RailwayIdList } from '../../features/admin/railway-ids';
import { phaseSteps } from '../../features/instances/deployment-phases';
import { FailureReason } from '../../features/instances/failure-reason';
import { isInstanceBusy, pollWhileBusy } from '../../features/instances/instance-status';
import { PhaseStepper } from '../../features/instances/phase-stepper';
import { PublicUrl } from '../../features/instances/public-url';
import { InstanceStatusBadge } from '../../features/instances/status-badges';
import { useI18n } from '../../i18n';
import { useTRPC } from '../../lib/trpc';

/**
 * `/admin/instances/$instanceId`: what the customer sees (status, URL, live phases, failure)
 * plus Railway ids and links, raw deployment rows, owner and subscription, and admin actions.
 */
export function AdminInstanceDetailPage() {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const { instanceId = '' } = useParams({ strict: false }) as { instanceId?: string };
  const query = useQuery({
    ...trpc.admin.instances.detail.queryOptions({ instanceId }),
    refetchInterval: (q) => {
      const i = q.state.data;
      const current = i?.recentDeployments.find((d) => d.id === i.currentDeploymentId);
      return pollWhileBusy(!!i && isInstanceBusy(i.status, current?.status));
    },
  });

  return (
    <QueryState query={query}>
      {(instance) => {
        const current =
          instance.recentDeployments.find((d) => d.id === instance.currentDeploymentId) ??
          instance.recentDeployments[0];
        return (
          <AdminFrame
            section="instances"
            title={
              <span className="flex flex-wrap items-center gap-3">
                {instance.name}
                <InstanceStatusBadge status={instance.status} />
              </span>
            }
            description={instance.statusReason ?? undefined}
            actions={<InstanceAdminActions instance={instance} />}
          >
            <BackLink to="/admin/instances" className="mb-4">
              {t('admin.detail.back')}
            </BackLink>
            <div className="space-y-5">
              {instance.status === 'FAILED' && (
                <FailureReason errorClass={instance.errorClass} message={instance.errorMessage} />
              )}
              <div className="grid gap-5 lg:grid-cols-2">
                <Card>
                  <CardHeader>
                    <CardTitle>{t('admin.detail.overview')}</CardTitle>
                  </CardHeader>
                  <CardContent>
                    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                      <dt className="text-neutral-500">{t('instances.publicUrl')}</dt>
                      <dd className="min-w-0">
                        <PublicUrl url={instance.publicUrl} />
                      </dd>
                      <dt className="text-neutral-500">{t('admin.detail.lastHealth')}</dt>
                      <dd>
                        {instance.lastHealthAt
                          ? `${fmt.dateTime(instance.lastHealthAt)} · ${t('admin.detail.healthFailures', { count: instance.healthFailures })}`
                          : t('admin.none')}
                      </dd>
                      <dt className="text-neutral-500">{t('admin.col.created')}</dt>
                      <dd>{fmt.dateTime(instance.createdAt)}</dd>
                      <dt className="text-neutral-500">{t('admin.col.updated')}</dt>
                      <dd>{fmt.dateTime(instance.updatedAt)}</dd>
                      <dt className="text-neutral-500">{t('admin.detail.id')}</dt>
                      <dd className="font-mono text-xs break-all">{instance.id}</dd>
                    </dl>
                  </CardContent>
                </Card>
                <Card>
                  <CardHeader>
                    <CardTitle>{t('admin.detail.railway')}</CardTitle>
                  </CardHeader>
                  <CardContent>
                    <RailwayIdList
                      ids={instance}
                      deploymentId={current?.railwayDeploymentId ?? null}
                    />
                  </CardContent>
                </Card>
                <Card>
                  <CardHeader>
                    <CardTitle>{t('admin.detail.owner')}</CardTitle>
                  </CardHeader>
                  <CardContent>
                    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                      <dt className="text-neutral-500">{t('admin.col.email')}</dt>
                      <dd className="flex flex-wrap items-center gap-2 break-all">
                        {instance.user.email}
                        {instance.user.banned && (
                          <Badge tone="danger">{t('admin.users.banned')}</Badge>
                        )}
                      </dd>
                      <dt className="text-neutral-500">{t('admin.col.name')}</dt>
                      <dd>{instance.user.name}</dd>
                      <dt className="text-neutral-500">{t('admin.detail.userId')}</dt>
                      <dd className="font-mono text-xs break-all">{instance.user.id}</dd>
                    </dl>
                  </CardContent>
                </Card>
                <Card>
                  <CardHeader>
                    <CardTitle>{t('admin.detail.subscription')}</CardTitle>
                  </CardHeader>
                  <CardContent>
                    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                      <dt className="text-neutral-500">{t('admin.col.plan')}</dt>
                      <dd>{t(`admin.plan.${instance.subscription.plan}`)}</dd>
                      <dt className="text-neutral-500">{t('admin.detail.source')}</dt>
                      <dd>{t(`admin.source.${instance.subscription.source}`)}</dd>
                      <dt className="text-neutral-500">{t('admin.col.status')}</dt>
                      <dd>{t(`billing.subscriptionStatus.${instance.subscription.status}`)}</dd>
                      <dt className="text-neutral-500">{t('instances.periodEnd')}</dt>
                      <dd>
                        {instance.subscription.currentPeriodEnd
                          ? fmt.date(instance.subscription.currentPeriodEnd)
                          : t('admin.none')}
                      </dd>
                    </dl>
                  </CardContent>
                </Card>
              </div>
              {current && (
                <Card>
                  <CardHeader>
                    <CardTitle>
                      {t('admin.detail.currentDeployment', {
                        kind: t(`instances.kind.${current.kind}`),
                      })}
                    </CardTitle>
                  </CardHeader>
                  <CardContent className="space-y-4">
                    <PhaseStepper steps={phaseSteps(toProgressDeployment(current))} />
                    <ProgressBar value={current.progress} label={t('admin.detail.progress')} />
                  </CardContent>
                </Card>
              )}
              <section aria-labelledby="deployment-events" className="space-y-3">
                <h2 id="deployment-events" className="text-base font-semibold text-neutral-900">
                  {t('admin.detail.events')}
                </h2>
                <DeploymentEvents deployments={instance.recentDeployments} />
              </section>
            </div>
          </AdminFrame>
        );
      }}
    </QueryState>
  );
}
