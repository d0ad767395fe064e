import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { EventSource } from 'eventsource';
import superjson from 'superjson';
// Type-only: a consumer of this entry point never loads server code at run time.
import type { AppRouter } from './root';

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RoundhouseClient = TRPCClient<AppRouter>;

export interface RoundhouseClientOptions {
  /** Where the API is served, e.g. `https://api.example.com` (the client adds `/trpc`). */
  url: string;
  /** An API key (`rh_…`) created in the dashboard; its permissions bound what the client may do. */
  apiKey: string;
  /** Custom fetch (tests, proxies); defaults to the global one. */
  fetch?: typeof fetch;
}

/**
 * A typed client for other services: batched queries and mutations over HTTP, subscriptions
 * over server-sent events, every request carrying the API key in `x-api-key`.
 */
export function createRoundhouseClient(options: RoundhouseClientOptions): RoundhouseClient {
  const url = `${options.url.replace(/\/+$/, '')}/trpc`;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const headers = { 'x-api-key': options.apiKey };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        // The EventSource ponyfill lets the key travel in a header, not in the URL.
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          EventSource,
          eventSourceOptions: {
            fetch: (input, init) =>
              fetchImpl(input, { ...init, headers: { ...init.headers, ...headers } }),
          },
        }),
        false: httpBatchLink({ url, transformer: superjson, headers, fetch: fetchImpl }),
      }),
    ],
  });
}
