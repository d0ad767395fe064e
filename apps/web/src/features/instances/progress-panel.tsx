import { useQuery } from '@tanstack/react-query';
import { Card, CardContent, CardHeader, CardTitle, QueryState } from '../../components/ui';
import { useI18n } from '../../i18n';
import { useTRPC } from '../../lib/trpc';
import {
  elapsedMs,
  isFailedOutcome,
  liveProgress,
  phaseSteps,
  remainingMs,
} from './deployment-phases';
import { FailureReason } from './failure-reason';
import { isInstanceBusy, pollWhileBusy } from './instance-status';
import { PhaseStepper } from './phase-stepper';
import { DeploymentBar } from './progress-bar';
import { DeploymentStatusBadge } from './status-badges';
import { useNow } from '../../lib/use-now';

/**
 * The current deployment live: phases, bar, elapsed time and estimate, the failure reason.
 * Polls instances.progress while anything is in flight (react-query pauses it while the tab
 * is hidden and refetches on focus).
 */
export function ProgressPanel({ instanceId }: { instanceId: string }) {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.instances.progress.queryOptions({ instanceId }),
    refetchInterval: (q) => {
      const data = q.state.data;
      return pollWhileBusy(
        !!data && isInstanceBusy(data.instanceStatus, data.deployment?.status ?? null),
      );
    },
  });
  const d = query.data?.deployment;
  const inflight = !!d && !isFailedOutcome(d.status) && d.status !== 'SUCCEEDED';
  const now = useNow(1_000, inflight);

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('instances.progress.title')}</CardTitle>
        {d && <DeploymentStatusBadge status={d.status} />}
      </CardHeader>
      <CardContent className="space-y-5">
        <QueryState query={query}>
          {({ deployment }) =>
            !deployment ? (
              <p className="text-sm text-neutral-600">{t('instances.progress.none')}</p>
            ) : (
              <>
                <p className="text-sm text-neutral-600">{t(`instances.kind.${deployment.kind}`)}</p>
                <DeploymentBar
                  value={liveProgress(deployment, now)}
                  label={t('instances.progress.label')}
                />
                <PhaseStepper steps={phaseSteps(deployment)} />
                <dl className="grid grid-cols-2 gap-3 text-sm sm:max-w-md">
                  <dt className="text-neutral-500">{t('instances.progress.elapsed')}</dt>
                  <dd className="text-neutral-900 tabular-nums">
                    {fmt.duration(elapsedMs(deployment, now))}
                  </dd>
                  {inflight && (
                    <>
                      <dt className="text-neutral-500">{t('instances.progress.remaining')}</dt>
                      <dd className="text-neutral-900 tabular-nums">
                        {remainingText(remainingMs(deployment, now))}
                      </dd>
                    </>
                  )}
                </dl>
                {isFailedOutcome(deployment.status) && (
                  <FailureReason
                    errorClass={deployment.errorClass}
                    message={deployment.errorMessage}
                  />
                )}
              </>
            )
          }
        </QueryState>
      </CardContent>
    </Card>
  );

  function remainingText(ms: number | null): string {
    return !ms ? t('instances.progress.anyMoment') : `~${fmt.duration(ms)}`;
  }
}
