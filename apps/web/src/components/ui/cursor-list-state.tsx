import type { ReactNode } from 'react';
import { Pagination } from './pagination';
import { QueryState, type QueryLike } from './query-state';

/** The part of `useCursorList`'s result (src/lib/use-cursor-list) the view needs. */
export interface CursorListLike<T> {
  query: Omit<QueryLike<unknown>, 'data'> & {
    data?: { pages: readonly unknown[] };
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    fetchNextPage: () => unknown;
  };
  items: T[] | undefined;
}

/**
 * A cursor list's loading / error / empty states, then its rows and, once the list runs past one
 * page, "load more" (or "no more") under them.
 */
export function CursorListState<T>({
  list: { query, items },
  empty,
  loading,
  children,
}: {
  list: CursorListLike<T>;
  empty?: ReactNode;
  loading?: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  const state = {
    data: items,
    error: query.error,
    isPending: query.isPending,
    isError: query.isError,
    refetch: query.refetch,
  };
  return (
    <QueryState query={state} empty={empty} loading={loading}>
      {(rows) => (
        <>
          {children(rows)}
          {(query.hasNextPage || (query.data?.pages.length ?? 0) > 1) && (
            <Pagination
              hasMore={query.hasNextPage}
              loading={query.isFetchingNextPage}
              onLoadMore={() => void query.fetchNextPage()}
            />
          )}
        </>
      )}
    </QueryState>
  );
}
