import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { ApiMetrics } from '../metrics/metrics';
import { clientIp } from './client-ip';

/**
 * One structured log line and one metrics observation per request. The path is logged without
 * its query string (tRPC GET inputs live there); headers are never logged.
 */
export function requestLog(logger: Logger, metrics: ApiMetrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const status = c.res.status;
    metrics.observeRequest({ method: c.req.method, route: routePath(c), status, seconds });
    logger[status >= 500 ? 'error' : 'info']({
      event: 'request',
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round(seconds * 10_000) / 10,
      ip: clientIp(c),
    });
  };
}
