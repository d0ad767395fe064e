import { useI18n } from '../../i18n';
import { Button } from './button';

/** "Load more" for cursor lists (useInfiniteQuery's hasNextPage / fetchNextPage). */
export function Pagination({
  hasMore,
  loading,
  onLoadMore,
}: {
  hasMore: boolean;
  loading?: boolean;
  onLoadMore: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="flex justify-center py-4">
      {hasMore ? (
        <Button variant="secondary" loading={loading} onClick={onLoadMore}>
          {t('common.loadMore')}
        </Button>
      ) : (
        <p className="text-sm text-neutral-500">{t('common.noMore')}</p>
      )}
    </div>
  );
}
