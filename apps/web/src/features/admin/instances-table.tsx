import { Link } from '@tanstack/react-router';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { focusRing, Table, TBody, TD, TH, THead, TR } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { RouterOutputs } from '../../lib/types';
import { InstanceStatusBadge } from '../instances/status-badges';
import type { InstanceFilters, InstanceSort } from './instance-filters';

export type AdminInstanceRow = RouterOutputs['admin']['instances']['list']['items'][number];

/** One page of instances (≤ 100 rows), selectable, sortable by the keyset-indexed columns. */
export function InstancesTable({
  rows,
  filters,
  onSort,
  selected,
  onSelect,
}: {
  rows: AdminInstanceRow[];
  filters: InstanceFilters;
  onSort: (column: InstanceSort) => void;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
}) {
  const { t, fmt } = useI18n();
  const allOn = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const sortHeader = (column: InstanceSort, label: string) => {
    const active = (filters.sort ?? 'createdAt') === column;
    const dir = filters.dir ?? 'desc';
    const Icon = !active ? ArrowUpDown : dir === 'asc' ? ArrowUp : ArrowDown;
    return (
      <TH aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button
          type="button"
          onClick={() => onSort(column)}
          className={`inline-flex items-center gap-1 rounded ${focusRing}`}
        >
          {label}
          <Icon aria-hidden="true" className="size-3.5" />
        </button>
      </TH>
    );
  };

  return (
    <Table caption={t('admin.instances.title')}>
      <THead>
        <tr>
          <TH className="w-10">
            <input
              type="checkbox"
              aria-label={t('admin.selectAll')}
              checked={allOn}
              onChange={(e) =>
                onSelect(
                  rows.map((row) => row.id),
                  e.target.checked,
                )
              }
            />
          </TH>
          <TH>{t('admin.col.name')}</TH>
          {sortHeader('status', t('admin.col.status'))}
          <TH>{t('admin.col.owner')}</TH>
          <TH>{t('admin.col.plan')}</TH>
          <TH>{t('admin.col.error')}</TH>
          {sortHeader('createdAt', t('admin.col.created'))}
          {sortHeader('updatedAt', t('admin.col.updated'))}
        </tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <TR key={row.id} aria-selected={selected.has(row.id)}>
            <TD>
              <input
                type="checkbox"
                aria-label={t('admin.selectRow', { name: row.name })}
                checked={selected.has(row.id)}
                onChange={(e) => onSelect([row.id], e.target.checked)}
              />
            </TD>
            <TD className="max-w-64">
              <Link
                to="/admin/instances/$instanceId"
                params={{ instanceId: row.id }}
                className={`block truncate font-medium text-teal-800 hover:underline ${focusRing}`}
              >
                {row.name}
              </Link>
              {row.domain && (
                <span className="block truncate text-xs text-neutral-500">{row.domain}</span>
              )}
            </TD>
            <TD>
              <InstanceStatusBadge status={row.status} />
            </TD>
            <TD className="max-w-56 truncate">{row.user.email}</TD>
            <TD>{t(`admin.plan.${row.subscription.plan}`)}</TD>
            <TD className="max-w-56 truncate text-neutral-700">
              {row.errorClass ? t(`instances.errorClass.${row.errorClass}`) : ''}
            </TD>
            <TD className="whitespace-nowrap text-neutral-700">{fmt.dateTime(row.createdAt)}</TD>
            <TD className="whitespace-nowrap text-neutral-700">{fmt.relative(row.updatedAt)}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
