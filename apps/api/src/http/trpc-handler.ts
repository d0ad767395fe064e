import type { AnyTRPCRouter } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Context } from 'hono';
import { resolveCaller } from '../auth/caller';
import type { ApiContext, ApiServices } from '../context';
import { clientIp } from './client-ip';

/**
 * Serves a router at /trpc through tRPC's fetch adapter: queries (GET, batched), mutations
 * (POST) and subscriptions as server-sent events. `shutdown` ends open event streams when the
 * server stops, so they don't hold the process open.
 */
export function trpcHandler(services: ApiServices, router: AnyTRPCRouter, shutdown: AbortSignal) {
  return (c: Context) => {
    const ip = clientIp(c);
    return fetchRequestHandler({
      endpoint: '/trpc',
      req: isEventStream(c.req.raw) ? withSignal(c.req.raw, shutdown) : c.req.raw,
      router,
      createContext: async ({ req, resHeaders }): Promise<ApiContext> => ({
        ...services,
        caller: await resolveCaller(services, req.headers, resHeaders),
        ip,
        resHeaders,
      }),
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          services.logger.error({ err: error.cause ?? error, procedure: path }, 'procedure failed');
        }
      },
    });
  };
}

function isEventStream(req: Request): boolean {
  return req.method === 'GET' && (req.headers.get('accept') ?? '').includes('text/event-stream');
}

function withSignal(req: Request, signal: AbortSignal): Request {
  return new Request(req, { signal: AbortSignal.any([req.signal, signal]) });
}
