import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useId } from 'react';
import { Card, CardContent, Label, Select } from '../../components/ui';
import { InstanceFrame } from '../../features/instances/instance-frame';
import { LogViewer } from '../../features/instances/log-viewer';
import { useI18n } from '../../i18n';

/** `/instances/$instanceId/logs?deployment=<id>`: one deployment's logs (default: current). */
export function InstanceLogsPage() {
  const { t, fmt } = useI18n();
  const selectId = useId();
  const navigate = useNavigate();
  const { instanceId = '' } = useParams({ strict: false }) as { instanceId?: string };
  const { deployment } = useSearch({ strict: false }) as { deployment?: string };

  const choose = (id: string) =>
    void navigate({
      to: '/instances/$instanceId/logs',
      params: { instanceId },
      search: id ? { deployment: id } : {},
      replace: true,
    });

  return (
    <InstanceFrame instanceId={instanceId} view="logs">
      {({ instance, deploymentList }) => (
        <Card>
          <CardContent className="space-y-4">
            <div className="max-w-md space-y-1">
              <Label htmlFor={selectId}>{t('instances.logs.deployment')}</Label>
              <Select
                id={selectId}
                value={deployment ?? ''}
                onChange={(e) => choose(e.target.value)}
              >
                <option value="">{t('instances.logs.latest')}</option>
                {deploymentList.map((d) => (
                  <option key={d.id} value={d.id}>
                    {t('instances.logs.option', {
                      kind: t(`instances.kind.${d.kind}`),
                      when: fmt.dateTime(d.queuedAt ?? d.createdAt),
                      status: t(`instances.deploymentStatus.${d.status}`),
                    })}
                  </option>
                ))}
              </Select>
            </div>
            <LogViewer
              key={deployment ?? 'current'}
              instanceId={instanceId}
              instanceName={instance.name}
              deploymentId={deployment}
            />
          </CardContent>
        </Card>
      )}
    </InstanceFrame>
  );
}
