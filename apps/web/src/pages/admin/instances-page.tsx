import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Server } from 'lucide-react';
import { useMemo, useState } from 'react';
import { EmptyState, QueryState } from '../../components/ui';
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
import { useKeysetPages } from '../../features/admin/keyset-pages';
import { KeysetPager } from '../../features/admin/keyset-pager';
import { useI18n } from '../../i18n';
import { useTRPC } from '../../lib/trpc';

const PAGE_SIZE = 50;

/**
 * `/admin/instances`: the whole fleet, filtered and sorted from the URL, one keyset page at a
 * time. The previous page stays on screen while the next loads, so the table never blanks.
 */
export function AdminInstancesPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const filters = useSearch({ strict: false }) as InstanceFilters;
  const setFilters = (next: InstanceFilters) =>
    void navigate({ to: '/admin/instances', search: next as never, replace: true });

  const base = useMemo(() => toListInput(filters, PAGE_SIZE), [filters]);
  const pages = useKeysetPages(JSON.stringify(base));
  const invalid = rangeProblem(filters) !== null;
  const query = useQuery({
    ...trpc.admin.instances.list.queryOptions({ ...base, cursor: pages.cursor }),
    enabled: !invalid,
    placeholderData: keepPreviousData,
  });

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
  const names = useMemo(
    () => new Map((query.data?.items ?? []).map((row) => [row.id, row.name])),
    [query.data],
  );

  return (
    <AdminFrame
      section="instances"
      title={t('admin.instances.title')}
      description={t('admin.instances.description')}
    >
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
        <KeysetPager
          pages={pages}
          nextCursor={query.data?.nextCursor}
          fetching={query.isFetching}
        />
      </div>
      {/* An inverted date range is flagged at the field; nothing is asked of the API. */}
      <div
        hidden={invalid}
        aria-busy={query.isFetching}
        className={query.isPlaceholderData ? 'opacity-60' : undefined}
      >
        <QueryState
          query={query}
          empty={
            <EmptyState
              icon={<Server />}
              title={t('admin.instances.empty')}
              text={t('admin.instances.emptyText')}
            />
          }
        >
          {(data) => (
            <InstancesTable
              rows={data.items}
              filters={filters}
              onSort={(column) => setFilters(nextSort(filters, column))}
              selected={selected}
              onSelect={select}
            />
          )}
        </QueryState>
      </div>
    </AdminFrame>
  );
}
