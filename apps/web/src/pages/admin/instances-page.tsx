import { useNavigate, useSearch } from '@tanstack/react-router';
import { Server } from 'lucide-react';
import { useMemo, useState } from 'react';
import { CursorListState, EmptyState } from '../../components/ui';
import { AdminFrame } from '../../features/admin/admin-frame';
import { BulkActions, BulkSummary, type BulkOutcome } from '../../features/admin/bulk-actions';
import { InstanceFilterBar } from '../../features/admin/instance-filter-bar';
import {
  nextSort,
  rangeProblem,
  toListInput,
  type InstanceFilters,
} from '../../features/admin/instance-filters';
import { InstancesTable } from '../../features/admin/instances-table';
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { useCursorList } from '../../lib/use-cursor-list';

const PAGE_SIZE = 50;

/**
 * `/admin/instances`: the whole fleet, filtered and sorted from the URL, loaded a keyset page at a
 * time ("load more"). The previous rows stay on screen while new filters load, so the table never
 * blanks.
 */
export function AdminInstancesPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const navigate = useNavigate();
  const filters = useSearch({ strict: false }) as InstanceFilters;
  const setFilters = (next: InstanceFilters) =>
    void navigate({ to: '/admin/instances', search: next as never, replace: true });

  const base = useMemo(() => toListInput(filters, PAGE_SIZE), [filters]);
  const invalid = rangeProblem(filters) !== null;
  const list = useCursorList(
    [...trpc.admin.instances.list.infiniteQueryKey(base)],
    (cursor) => client.admin.instances.list.query({ ...base, cursor }),
    { enabled: !invalid },
  );
  const { query, items } = list;

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const select = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const names = useMemo(() => new Map((items ?? []).map((row) => [row.id, row.name])), [items]);

  return (
    <AdminFrame section="instances">
      <InstanceFilterBar filters={filters} onChange={setFilters} />
      {outcome && <BulkSummary outcome={outcome} onDismiss={() => setOutcome(null)} />}
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <BulkActions
          selected={[...selected]}
          names={names}
          onDone={(result, failedIds) => {
            setOutcome(result);
            setSelected(new Set(failedIds));
          }}
        />
      </div>
      {/* An inverted date range is flagged at the field; nothing is asked of the API. */}
      <div
        hidden={invalid}
        aria-busy={query.isFetching}
        className={query.isPlaceholderData ? 'opacity-60' : undefined}
      >
        <CursorListState
          list={list}
          empty={
            <EmptyState
              icon={<Server />}
              title={t('admin.instances.empty')}
              text={t('admin.instances.emptyText')}
            />
          }
        >
          {(rows) => (
            <InstancesTable
              rows={rows}
              filters={filters}
              onSort={(column) => setFilters(nextSort(filters, column))}
              selected={selected}
              onSelect={select}
            />
          )}
        </CursorListState>
      </div>
    </AdminFrame>
  );
}
