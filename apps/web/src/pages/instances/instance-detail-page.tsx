import { Link, useParams, useSearch } from '@tanstack/react-router';
import { KeyRound } from 'lucide-react';
import {
  buttonClasses,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  EmptyState,
  ErrorState,
} from '../../components/ui';
import { DeploymentsTable } from '../../features/instances/deployments-table';
import { FailureReason } from '../../features/instances/failure-reason';
import { InstanceFrame } from '../../features/instances/instance-frame';
import { ProgressPanel } from '../../features/instances/progress-panel';
import { rollbackTarget } from '../../features/instances/rollback-target';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import type { InstanceTab } from '../../routes/instances.routes';

/** `/instances/$instanceId`: overview (live progress), deployment history, credentials link. */
export function InstanceDetailPage() {
  const { t } = useI18n();
  const { instanceId = '' } = useParams({ strict: false }) as { instanceId?: string };
  const { tab = 'overview' } = useSearch({ strict: false }) as { tab?: InstanceTab };

  return (
    <InstanceFrame instanceId={instanceId} view={tab}>
      {({ instance, deployments, deploymentList }) => {
        if (tab === 'deployments') {
          if (deployments.isError) {
            return (
              <ErrorState
                message={errorMessage(deployments.error, t)}
                onRetry={() => void deployments.refetch()}
              />
            );
          }
          return (
            <DeploymentsTable
              instanceId={instanceId}
              deployments={deploymentList}
              currentId={instance.currentDeployment?.id ?? null}
              rollbackTargetId={rollbackTarget(deploymentList)?.id ?? null}
              hasMore={deployments.hasNextPage}
              loadingMore={deployments.isFetchingNextPage}
              onLoadMore={() => void deployments.fetchNextPage()}
            />
          );
        }
        if (tab === 'credentials') {
          return (
            <EmptyState
              icon={<KeyRound />}
              title={t('instances.tab.credentials')}
              text={t('instances.credentialsText')}
              action={
                <Link
                  to="/credentials"
                  search={{ instance: instanceId }}
                  className={buttonClasses('primary')}
                >
                  {t('instances.credentialsLink')}
                </Link>
              }
            />
          );
        }
        return (
          <div className="space-y-5">
            {instance.status === 'FAILED' && (
              <FailureReason errorClass={instance.errorClass} message={instance.errorMessage} />
            )}
            <ProgressPanel instanceId={instanceId} />
            <Card>
              <CardHeader>
                <CardTitle>{t('instances.tab.credentials')}</CardTitle>
              </CardHeader>
              <CardContent className="flex flex-wrap items-center justify-between gap-3">
                <p className="text-sm text-neutral-600">{t('instances.credentialsText')}</p>
                <Link
                  to="/credentials"
                  search={{ instance: instanceId }}
                  className={buttonClasses('secondary', 'sm')}
                >
                  {t('instances.credentialsLink')}
                </Link>
              </CardContent>
            </Card>
          </div>
        );
      }}
    </InstanceFrame>
  );
}
