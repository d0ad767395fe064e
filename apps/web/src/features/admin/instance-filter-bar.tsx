import { INSTANCE_STATUSES, PLAN_IDS, type InstanceStatus } from '@roundhouse/core';
import { clsx } from 'clsx';
import { useEffect, useState } from 'react';
import { Button, Field, focusRing, Input, Select } from '../../components/ui';
import { useI18n } from '../../i18n';
import { compact, parseStatuses, rangeProblem, type InstanceFilters } from './instance-filters';
import { useDebouncedValue } from '../../lib/use-debounced-value';

/**
 * The table's filters. Choices apply at once; the two text boxes apply once typing pauses, so
 * a search over 100,000 instances is one request per pause, not one per key.
 */
export function InstanceFilterBar({
  filters,
  onChange,
}: {
  filters: InstanceFilters;
  onChange: (next: InstanceFilters) => void;
}) {
  const { t } = useI18n();
  const set = (patch: Partial<InstanceFilters>) => onChange(compact({ ...filters, ...patch }));
  const statuses = parseStatuses(filters.status);
  const toggle = (status: InstanceStatus) => {
    const next = statuses.includes(status)
      ? statuses.filter((s) => s !== status)
      : [...statuses, status];
    set({ status: next.join(',') || undefined });
  };
  const problem = rangeProblem(filters);

  return (
    <div className="mb-4 space-y-3 rounded-lg border border-neutral-200 bg-white p-4">
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-neutral-800">
          {t('admin.filter.status')}
        </legend>
        <div className="flex flex-wrap gap-2">
          {INSTANCE_STATUSES.map((status) => {
            const on = statuses.includes(status);
            return (
              <button
                key={status}
                type="button"
                aria-pressed={on}
                onClick={() => toggle(status)}
                className={clsx(
                  'rounded-full border px-3 py-1 text-xs font-medium',
                  on
                    ? 'border-teal-700 bg-teal-700 text-white'
                    : 'border-neutral-300 bg-white text-neutral-700 hover:bg-neutral-50',
                  focusRing,
                )}
              >
                {t(`instances.status.${status}`)}
              </button>
            );
          })}
        </div>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <Field label={t('admin.filter.plan')}>
          <Select
            value={filters.plan ?? ''}
            onChange={(e) =>
              set({ plan: (e.target.value || undefined) as InstanceFilters['plan'] })
            }
          >
            <option value="">{t('admin.filter.allPlans')}</option>
            {PLAN_IDS.map((plan) => (
              <option key={plan} value={plan}>
                {t(`admin.plan.${plan}`)}
              </option>
            ))}
          </Select>
        </Field>
        <DebouncedText
          label={t('admin.filter.user')}
          placeholder={t('admin.filter.userHint')}
          value={filters.user}
          onChange={(user) => set({ user })}
        />
        <DebouncedText
          label={t('admin.filter.search')}
          placeholder={t('admin.filter.searchHint')}
          value={filters.q}
          onChange={(q) => set({ q })}
        />
        <Field label={t('admin.filter.from')}>
          <Input
            type="date"
            value={filters.from ?? ''}
            onChange={(e) => set({ from: e.target.value || undefined })}
          />
        </Field>
        <Field
          label={t('admin.filter.to')}
          error={problem ? t(`admin.filter.${problem}`) : undefined}
        >
          <Input
            type="date"
            value={filters.to ?? ''}
            onChange={(e) => set({ to: e.target.value || undefined })}
          />
        </Field>
      </div>
      <div className="flex justify-end">
        <Button variant="ghost" size="sm" onClick={() => onChange({})}>
          {t('admin.filter.clear')}
        </Button>
      </div>
    </div>
  );
}

/** A text filter that reports its value once typing pauses (and follows outside changes). */
function DebouncedText({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const [draft, setDraft] = useState(value ?? '');
  const [shown, setShown] = useState(value);
  // The URL changed (clear, back button, or our own debounced change): show what it says now.
  if (shown !== value) {
    setShown(value);
    setDraft(value ?? '');
  }
  const settled = useDebouncedValue(draft);
  useEffect(() => {
    const next = settled.trim() || undefined;
    if (next !== value) onChange(next);
    // Only a settled draft should trigger a change; value/onChange follow from it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
  return (
    <Field label={label}>
      <Input
        type="search"
        value={draft}
        placeholder={placeholder}
        onChange={(e) => setDraft(e.target.value)}
      />
    </Field>
  );
}
