import { Link } from '@tanstack/react-router';
import { Badge, Button, Table, TBody, TD, TH, THead, TR } from '../../components/ui';
import { useI18n } from '../../i18n';
import { DeploymentStatusBadge } from './status-badges';
import type { Deployment } from './use-deployments';

/** The deployment history: what ran when, how long, how it ended; current and rollback marked. */
export function DeploymentsTable({
  instanceId,
  deployments,
  currentId,
  rollbackTargetId,
  hasMore,
  loadingMore,
  onLoadMore,
}: {
  instanceId: string;
  deployments: Deployment[];
  currentId: string | null;
  rollbackTargetId: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}) {
  const { t, fmt } = useI18n();
  if (deployments.length === 0) {
    return <p className="text-sm text-neutral-600">{t('instances.deployments.empty')}</p>;
  }
  return (
    <div className="space-y-3">
      <Table caption={t('instances.deployments.title')}>
        <THead>
          <tr>
            <TH>{t('instances.deployments.kind')}</TH>
            <TH>{t('instances.deployments.status')}</TH>
            <TH>{t('instances.deployments.started')}</TH>
            <TH>{t('instances.deployments.finished')}</TH>
            <TH>{t('instances.deployments.duration')}</TH>
            <TH>{t('instances.deployments.failure')}</TH>
            <TH>
              <span className="sr-only">{t('instances.logs.title')}</span>
            </TH>
          </tr>
        </THead>
        <TBody>
          {deployments.map((d) => {
            const started = d.queuedAt ?? d.createdAt;
            return (
              <TR key={d.id} data-deployment-id={d.id}>
                <TD>
                  <div className="flex flex-wrap items-center gap-1.5">
                    <span className="font-medium text-neutral-900">
                      {t(`instances.kind.${d.kind}`)}
                    </span>
                    {d.id === currentId && (
                      <Badge tone="info">{t('instances.deployments.current')}</Badge>
                    )}
                    {d.id === rollbackTargetId && (
                      <Badge tone="neutral">{t('instances.deployments.rollbackTarget')}</Badge>
                    )}
                  </div>
                  {d.attempt > 1 && (
                    <span className="text-xs text-neutral-500">
                      {t('instances.deployments.attempt', { attempt: d.attempt })}
                    </span>
                  )}
                </TD>
                <TD>
                  <DeploymentStatusBadge status={d.status} />
                </TD>
                <TD className="whitespace-nowrap">{fmt.dateTime(started)}</TD>
                <TD className="whitespace-nowrap">
                  {d.finishedAt ? fmt.dateTime(d.finishedAt) : '–'}
                </TD>
                <TD className="whitespace-nowrap tabular-nums">
                  {d.finishedAt ? fmt.duration(d.finishedAt.getTime() - started.getTime()) : '–'}
                </TD>
                <TD className="max-w-xs">
                  {(d.errorClass || d.errorMessage) && (
                    <span className="block text-xs text-red-800">
                      {d.errorClass && (
                        <span className="font-medium">
                          {t(`instances.errorClass.${d.errorClass}`)}
                        </span>
                      )}
                      {d.errorMessage && (
                        <span className="block truncate" title={d.errorMessage}>
                          {d.errorMessage}
                        </span>
                      )}
                    </span>
                  )}
                </TD>
                <TD>
                  <Link
                    to="/instances/$instanceId/logs"
                    params={{ instanceId }}
                    search={{ deployment: d.id }}
                    aria-label={t('instances.deployments.viewLogsOf', {
                      when: fmt.dateTime(started),
                    })}
                    className="text-sm text-teal-800 hover:underline focus-visible:outline-2 focus-visible:outline-teal-600"
                  >
                    {t('instances.deployments.viewLogs')}
                  </Link>
                </TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
      {hasMore && (
        <Button variant="secondary" size="sm" loading={loadingMore} onClick={onLoadMore}>
          {t('common.loadMore')}
        </Button>
      )}
    </div>
  );
}
