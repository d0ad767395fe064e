import { keepPreviousData, useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { useMemo } from 'react';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * "Load more" over a cursor-paginated procedure: the pages fetched so far, flattened into `items`.
 * Not trpc's infiniteQueryOptions: that adds a `direction` key to the input, which strict
 * procedure inputs refuse. Pass the procedure's `infiniteQueryKey(input)`, so invalidating the
 * router's pathKey still refreshes the list. While new filters load, the old rows stay shown.
 */
export function useCursorList<T>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  options: {
    enabled?: boolean;
    /** A fixed period, or one decided from the rows loaded so far (false: no polling). */
    refetchInterval?: number | ((items: T[]) => number | false);
  } = {},
) {
  const { enabled, refetchInterval } = options;
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
    refetchInterval:
      typeof refetchInterval === 'function'
        ? (q) => refetchInterval(q.state.data?.pages.flatMap((page) => page.items) ?? [])
        : refetchInterval,
  });
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items), [query.data]);
  return { query, items };
}
