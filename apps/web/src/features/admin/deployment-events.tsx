import { Table, TBody, TD, TH, THead, TR } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { RouterOutputs } from '../../lib/types';
import { DeploymentStatusBadge } from '../instances/status-badges';

type Deployment = RouterOutputs['admin']['instances']['detail']['recentDeployments'][number];

const STAMPS = ['queuedAt', 'buildingAt', 'deployingAt', 'healthCheckAt', 'finishedAt'] as const;

/** The latest deployments as recorded: every phase timestamp, attempt, ids, and the raw row. */
export function DeploymentEvents({ deployments }: { deployments: Deployment[] }) {
  const { t, fmt } = useI18n();
  if (deployments.length === 0) {
    return <p className="text-sm text-neutral-600">{t('instances.deployments.empty')}</p>;
  }
  const time = (d: Date | null) => (d ? fmt.dateTime(d) : '');
  return (
    <div className="space-y-3">
      <Table caption={t('admin.detail.events')}>
        <THead>
          <tr>
            <TH>{t('admin.col.kind')}</TH>
            <TH>{t('admin.col.status')}</TH>
            {STAMPS.map((stamp) => (
              <TH key={stamp}>{t(`admin.stamp.${stamp}`)}</TH>
            ))}
            <TH>{t('admin.col.attempt')}</TH>
            <TH>{t('admin.col.error')}</TH>
          </tr>
        </THead>
        <TBody>
          {deployments.map((d) => (
            <TR key={d.id}>
              <TD>{t(`instances.kind.${d.kind}`)}</TD>
              <TD>
                <DeploymentStatusBadge status={d.status} />
              </TD>
              {STAMPS.map((stamp) => (
                <TD key={stamp} className="whitespace-nowrap text-xs text-neutral-700">
                  {time(d[stamp])}
                </TD>
              ))}
              <TD className="tabular-nums">{d.attempt}</TD>
              <TD className="max-w-72 text-xs break-words text-red-800">
                {d.errorClass && `${t(`instances.errorClass.${d.errorClass}`)} · `}
                {d.errorMessage}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
      <details className="rounded-lg border border-neutral-200 bg-white p-3">
        <summary className="cursor-pointer text-sm font-medium text-neutral-800">
          {t('admin.detail.raw')}
        </summary>
        <pre className="mt-2 max-h-96 overflow-auto text-xs text-neutral-800">
          {JSON.stringify(deployments, null, 2)}
        </pre>
      </details>
    </div>
  );
}
