import { AUDIT_ACTOR_TYPES } from '@roundhouse/core';
import { useState } from 'react';
import { CursorTable, Field, FilterSelect, Input, TD } from '../../components/ui';
import { AdminFrame } from '../../features/admin/admin-frame';
import { auditInput, type AuditFilters } from '../../features/admin/audit-filters';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { useCursorList } from '../../lib/use-cursor-list';

const TEXT_FIELDS = ['actorId', 'action', 'targetType', 'targetId'] as const;

/** `/admin/audit`: who did what to which, newest first; filters by actor, action, target, date. */
export function AuditPage() {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const [filters, setFilters] = useState<AuditFilters>({});
  const settled = useDebouncedValue(filters);
  const filterInput = auditInput(settled);
  const client = useTRPCClient();
  const input = { limit: 50, ...(filterInput.ok ? filterInput.value : {}) };
  const list = useCursorList(
    [...trpc.admin.auditLog.list.infiniteQueryKey(input)],
    (cursor) => client.admin.auditLog.list.query({ ...input, cursor }),
    { enabled: filterInput.ok },
  );
  const set = (patch: Partial<AuditFilters>) => setFilters((current) => ({ ...current, ...patch }));

  return (
    <AdminFrame section="audit">
      <div className="mb-4 grid gap-3 rounded-lg border border-neutral-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
        <FilterSelect
          label={t('admin.audit.actorType')}
          options={AUDIT_ACTOR_TYPES}
          optionLabel={(type) => t(`admin.actor.${type}`)}
          value={filters.actorType ?? ''}
          onChange={(type) => set({ actorType: type || undefined })}
        />
        {TEXT_FIELDS.map((field) => (
          <Field key={field} label={t(`admin.audit.${field}`)}>
            <Input
              type="search"
              value={filters[field] ?? ''}
              onChange={(e) => set({ [field]: e.target.value })}
            />
          </Field>
        ))}
        <Field label={t('admin.filter.from')}>
          <Input
            type="date"
            value={filters.from ?? ''}
            onChange={(e) => set({ from: e.target.value })}
          />
        </Field>
        <Field
          label={t('admin.filter.to')}
          error={!filterInput.ok ? t('admin.filter.rangeInverted') : undefined}
        >
          <Input
            type="date"
            value={filters.to ?? ''}
            onChange={(e) => set({ to: e.target.value })}
          />
        </Field>
      </div>
      <CursorTable
        list={list}
        caption={t('admin.audit.title')}
        columns={[
          t('admin.audit.at'),
          t('admin.audit.actor'),
          t('admin.audit.action'),
          t('admin.audit.target'),
          t('admin.audit.ip'),
          t('admin.audit.details'),
        ]}
        empty={t('admin.audit.empty')}
        row={(entry) => (
          <>
            <TD className="whitespace-nowrap">{fmt.dateTime(entry.at)}</TD>
            <TD className="max-w-56">
              <span className="block">{t(`admin.actor.${entry.actorType}`)}</span>
              <span className="block truncate font-mono text-xs text-neutral-600">
                {entry.actorId}
              </span>
            </TD>
            <TD className="font-mono text-xs">{entry.action}</TD>
            <TD className="max-w-56">
              {entry.target && (
                <>
                  <span className="block text-xs">{entry.target.type}</span>
                  <span className="block truncate font-mono text-xs text-neutral-600">
                    {entry.target.id}
                  </span>
                </>
              )}
            </TD>
            <TD className="font-mono text-xs">{entry.ip}</TD>
            <TD className="max-w-80">
              {entry.details !== null && (
                <details>
                  <summary className="cursor-pointer text-xs text-teal-800">
                    {t('admin.audit.show')}
                  </summary>
                  <pre className="mt-1 max-h-48 overflow-auto text-xs">
                    {JSON.stringify(entry.details, null, 2)}
                  </pre>
                </details>
              )}
            </TD>
          </>
        )}
      />
    </AdminFrame>
  );
}
