import { keepPreviousData, useInfiniteQuery, type QueryKey } from '@tanstack/react-query';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * "Load more" over an admin list. Not trpc's infiniteQueryOptions: that adds a `direction` key
 * to the input, which the admin procedures' strict inputs refuse. The key is the procedure's
 * infiniteQueryKey, so invalidating the router's pathKey still refreshes it.
 */
export function useCursorList<T>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  options: { enabled?: boolean; refetchInterval?: number } = {},
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    ...options,
  });
  return { query, items: query.data?.pages.flatMap((page) => page.items) };
}
