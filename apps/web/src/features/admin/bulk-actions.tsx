import { useState } from 'react';
import { Button, ConfirmDialog } from '../../components/ui';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { runBulk, type BulkResult } from './run-bulk';
import { useInstanceAdminActions, type BulkAction } from './use-instance-admin-actions';

export interface BulkOutcome {
  action: BulkAction;
  results: { id: string; name: string; ok: boolean; message: string | null }[];
}

/**
 * Retry or health-check the selected rows after a confirmation; each row's outcome is kept for
 * the summary (a failed row stays selected so it can be tried again).
 */
export function BulkActions({
  selected,
  names,
  onDone,
}: {
  selected: string[];
  names: ReadonlyMap<string, string>;
  onDone: (outcome: BulkOutcome, failedIds: string[]) => void;
}) {
  const { t } = useI18n();
  const actions = useInstanceAdminActions();
  const [open, setOpen] = useState<BulkAction | null>(null);

  const run = async (action: BulkAction) => {
    const results: BulkResult[] = await runBulk(selected, actions[action]);
    await actions.refresh();
    onDone(
      {
        action,
        results: results.map((r) => ({
          id: r.id,
          name: names.get(r.id) ?? r.id,
          ok: r.ok,
          message: r.ok ? null : errorMessage(r.error, t),
        })),
      },
      results.filter((r) => !r.ok).map((r) => r.id),
    );
  };

  return (
    <div
      className="flex flex-wrap items-center gap-2"
      role="group"
      aria-label={t('admin.bulk.label')}
    >
      <span className="text-sm text-neutral-700">
        {t('admin.selected', { count: selected.length })}
      </span>
      {(['retry', 'healthCheck'] as const).map((action) => (
        <ConfirmDialog
          key={action}
          open={open === action}
          onOpenChange={(next) => setOpen(next ? action : null)}
          trigger={
            <Button size="sm" variant="secondary" disabled={selected.length === 0}>
              {t(`admin.action.${action}`)}
            </Button>
          }
          title={t(`admin.bulk.${action}Title`, { count: selected.length })}
          description={t(`admin.bulk.${action}Text`)}
          confirmLabel={t(`admin.action.${action}`)}
          onConfirm={() => run(action)}
        />
      ))}
    </div>
  );
}

/** What the last bulk action did, row by row. */
export function BulkSummary({
  outcome,
  onDismiss,
}: {
  outcome: BulkOutcome;
  onDismiss: () => void;
}) {
  const { t } = useI18n();
  const failed = outcome.results.filter((r) => !r.ok).length;
  return (
    <section
      aria-live="polite"
      aria-label={t('admin.bulk.results')}
      className="mb-4 rounded-lg border border-neutral-200 bg-white p-4"
      data-testid="bulk-summary"
    >
      <div className="mb-2 flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-neutral-900">
          {t(`admin.action.${outcome.action}`)}
          {' · '}
          {t('admin.bulk.summary', { ok: outcome.results.length - failed, failed })}
        </p>
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          {t('common.close')}
        </Button>
      </div>
      <ul className="max-h-48 space-y-1 overflow-y-auto text-sm">
        {outcome.results.map((r) => (
          <li key={r.id} className={r.ok ? 'text-emerald-800' : 'text-red-800'}>
            {r.name}
            {' — '}
            {r.ok ? t('admin.bulk.ok') : r.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
