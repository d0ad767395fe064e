import { CircleCheck } from 'lucide-react';
import { CursorTable, EmptyState, TD } from '../../components/ui';
import { AdminFrame } from '../../features/admin/admin-frame';
import { InstanceRowActions } from '../../features/admin/instance-row-actions';
import { InstanceStatusBadge } from '../../features/instances/status-badges';
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { useCursorList } from '../../lib/use-cursor-list';

/** Refreshed every half minute: this is the page an admin keeps open during an incident. */
const REFRESH_MS = 30_000;

/** `/admin/attention`: failed, degraded, stuck and health-failing instances, oldest first. */
export function AttentionPage() {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const input = { limit: 50 };
  const list = useCursorList(
    [...trpc.admin.instances.needingAttention.infiniteQueryKey(input)],
    (cursor) => client.admin.instances.needingAttention.query({ ...input, cursor }),
    { refetchInterval: REFRESH_MS },
  );

  return (
    <AdminFrame section="attention">
      <CursorTable
        list={list}
        caption={t('admin.attention.title')}
        columns={[
          t('admin.col.name'),
          t('admin.col.status'),
          t('admin.attention.reason'),
          t('admin.attention.since'),
          t('admin.col.owner'),
          t('admin.col.actions'),
        ]}
        empty={<EmptyState icon={<CircleCheck />} title={t('admin.attention.empty')} />}
        rowData={(row) => ({ 'data-reason': row.reason })}
        row={(row) => (
          <>
            <TD className="max-w-64">
              <span className="block truncate font-medium text-neutral-900">{row.name}</span>
              {(row.errorMessage ?? row.statusReason) && (
                <span className="block max-w-64 truncate text-xs text-neutral-600">
                  {row.errorClass && `${t(`instances.errorClass.${row.errorClass}`)} · `}
                  {row.errorMessage ?? row.statusReason}
                </span>
              )}
            </TD>
            <TD>
              <InstanceStatusBadge status={row.status} />
            </TD>
            <TD>{t(`admin.reason.${row.reason}`)}</TD>
            <TD className="whitespace-nowrap" title={fmt.dateTime(row.since)}>
              {fmt.relative(row.since)}
            </TD>
            <TD className="max-w-56 truncate">{row.user.email}</TD>
            <TD>
              <InstanceRowActions
                instanceId={row.id}
                name={row.name}
                canRetry={row.status === 'FAILED'}
              />
            </TD>
          </>
        )}
      />
    </AdminFrame>
  );
}
