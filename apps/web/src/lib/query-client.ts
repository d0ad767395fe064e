import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';

const NO_RETRY_CODES = new Set([
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_REQUEST',
  'CONFLICT',
]);

function trpcCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  return (error.data as { code?: string } | null | undefined)?.code;
}

/** A caller's mistake will not fix itself by retrying; network blips and 5xx may. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  const code = trpcCode(error);
  if (code && NO_RETRY_CODES.has(code)) return false;
  return failureCount < 2;
}

/**
 * `onUnauthorized` runs when any query or mutation finds the session gone (expired, revoked,
 * signed out in another tab), so the app can send the user to sign in instead of showing
 * error boxes everywhere.
 */
export function createQueryClient(onUnauthorized: () => void = () => undefined): QueryClient {
  const onError = (error: unknown) => {
    if (trpcCode(error) === 'UNAUTHORIZED') onUnauthorized();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { staleTime: 10_000, retry: shouldRetry, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
