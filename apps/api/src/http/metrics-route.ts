import { timingSafeEqual } from 'node:crypto';
import type { Handler } from 'hono';
import type { ApiConfig } from '../env';
import type { ApiMetrics } from '../metrics/metrics';

/**
 * /metrics on the api's port, which in production is its public domain: with METRICS_TOKEN it
 * answers only `Authorization: Bearer <token>` (what Prometheus' `authorization` setting sends);
 * without one it is open in development and not served in production.
 */
export type MetricsAccess = { token: string } | 'open' | 'none';

export function metricsAccess(
  config: Partial<Pick<ApiConfig, 'metricsToken' | 'nodeEnv'>>,
): MetricsAccess {
  if (config.metricsToken) return { token: config.metricsToken };
  return config.nodeEnv === 'production' ? 'none' : 'open';
}

export function metricsRoute(metrics: ApiMetrics, access: Exclude<MetricsAccess, 'none'>): Handler {
  const expected = access === 'open' ? undefined : Buffer.from(`Bearer ${access.token}`);
  return async (c) => {
    if (expected && !matches(c.req.header('authorization'), expected)) {
      return c.json({ error: { code: 'UNAUTHORIZED', message: 'Bearer token required' } }, 401, {
        'www-authenticate': 'Bearer realm="metrics"',
      });
    }
    const { contentType, body } = await metrics.scrape();
    return c.body(body, 200, { 'content-type': contentType });
  };
}

function matches(given: string | undefined, expected: Buffer): boolean {
  const buffer = Buffer.from(given ?? '');
  return buffer.length === expected.length && timingSafeEqual(buffer, expected);
}
