import type { AppRouter } from '@roundhouse/api/client';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import superjson from 'superjson';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Same origin as the page (Vite proxies /trpc in dev; the API serves the app in production). */
const TRPC_URL = '/trpc';

/** Subscriptions over SSE (EventSource sends the session cookie), everything else batched. */
export function createTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: TRPC_URL,
          transformer: superjson,
          eventSourceOptions: { withCredentials: true },
        }),
        false: httpBatchLink({
          url: TRPC_URL,
          transformer: superjson,
          fetch: (input, init) => fetch(input, { ...init, credentials: 'include' }),
        }),
      }),
    ],
  });
}
