import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { EmptyState } from './empty-state';
import { ErrorState } from './error-state';
import { SkeletonLines } from './skeleton';

/** The part of a TanStack query result QueryState needs. */
export interface QueryLike<TData> {
  data: TData | undefined;
  error: unknown;
  isPending: boolean;
  isError: boolean;
  refetch: () => unknown;
}

export interface QueryStateProps<TData> {
  query: QueryLike<TData>;
  children: (data: TData) => ReactNode;
  /** Shown instead of children when `isEmpty(data)` (default: an empty array or items list). */
  empty?: ReactNode;
  isEmpty?: (data: TData) => boolean;
  loading?: ReactNode;
}

function defaultIsEmpty(data: unknown): boolean {
  if (Array.isArray(data)) return data.length === 0;
  if (data && typeof data === 'object' && 'items' in data) {
    const items = (data as { items: unknown }).items;
    return Array.isArray(items) && items.length === 0;
  }
  return false;
}

/** Loading skeleton → error with retry → empty state → the data. */
export function QueryState<TData>({
  query,
  children,
  empty,
  isEmpty = defaultIsEmpty,
  loading,
}: QueryStateProps<TData>) {
  const { t } = useI18n();
  if (query.isPending) return <>{loading ?? <SkeletonLines label={t('common.loading')} />}</>;
  if (query.isError || query.data === undefined) {
    return (
      <ErrorState message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} />
    );
  }
  if (empty !== undefined && isEmpty(query.data)) {
    return <>{typeof empty === 'string' ? <EmptyState title={empty} /> : empty}</>;
  }
  return <>{children(query.data)}</>;
}
