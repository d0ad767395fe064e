import { Button } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { useKeysetPages } from './keyset-pages';

/** Previous / page n / next over keyset pages (never OFFSET). */
export function KeysetPager({
  pages,
  nextCursor,
  fetching,
}: {
  pages: ReturnType<typeof useKeysetPages>;
  nextCursor: string | null | undefined;
  fetching: boolean;
}) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('admin.page.label')} className="flex items-center justify-end gap-3 py-3">
      <Button size="sm" variant="secondary" disabled={!pages.hasPrevious} onClick={pages.previous}>
        {t('admin.page.previous')}
      </Button>
      <span className="text-sm text-neutral-600 tabular-nums" aria-live="polite">
        {t('admin.page.number', { page: pages.page })}
      </span>
      <Button
        size="sm"
        variant="secondary"
        disabled={!nextCursor}
        loading={fetching}
        onClick={() => nextCursor && pages.next(nextCursor)}
      >
        {t('admin.page.next')}
      </Button>
    </nav>
  );
}
