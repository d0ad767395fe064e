import type { AnyTRPCRouter } from '@trpc/server';
import { Hono } from 'hono';
import type { ApiServices } from '../context';
import { authHandler } from './auth-handler';
import { clientAddress } from './client-ip';
import { healthRoutes } from './health';
import { type MetricsAccess, metricsRoute } from './metrics-route';
import { invoiceDocumentRoutes } from './invoice-documents';
import { originCheck } from './origin-check';
import { paymentWebhookRoutes } from './payment-webhooks';
import { requestLog } from './request-log';
import { sandboxCashierRoutes } from './sandbox-cashier';
import { trpcHandler } from './trpc-handler';
import { webApp } from './web-app';

export interface AppOptions {
  router: AnyTRPCRouter;
  /** Origins allowed to send cookie-authenticated mutations (APP_URL's + TRUSTED_ORIGINS). */
  allowedOrigins: string[];
  /** Aborted when the server shuts down: ends open subscriptions. */
  shutdown: AbortSignal;
  /** The built web app to serve at this origin (production); unset: none. */
  webDistDir?: string;
  /** Proxies in front of the API that append to X-Forwarded-For (client-ip.ts); default 0. */
  trustedProxyHops?: number;
  /** Who may read /metrics (metrics-route.ts). */
  metricsAccess: MetricsAccess;
}

/** The HTTP surface of the API (DESIGN §1), independent of how it is served. */
export function createApp(services: ApiServices, options: AppOptions): Hono {
  const app = new Hono();
  app.use(clientAddress(options.trustedProxyHops ?? 0));
  app.use(requestLog(services.logger, services.metrics));
  if (options.webDistDir) app.use(webApp(options.webDistDir));
  app.use('/trpc/*', originCheck(options.allowedOrigins));
  app.use('/api/auth/*', originCheck(options.allowedOrigins));

  app.on(['GET', 'POST'], '/api/auth/*', authHandler(services.auth));
  app.on(['GET', 'POST'], '/trpc/*', trpcHandler(services, options.router, options.shutdown));
  app.route('/', healthRoutes(services.db));
  app.route('/invoices', invoiceDocumentRoutes(services));
  // Payment notifications: authenticated by their signatures, so no Origin check.
  app.route('/webhooks', paymentWebhookRoutes(services));
  if (services.payments.sandboxKeys) {
    app.route('/sandbox', sandboxCashierRoutes(services, services.payments.sandboxKeys));
  }
  if (options.metricsAccess !== 'none') {
    app.get('/metrics', metricsRoute(services.metrics, options.metricsAccess));
  }

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'Not found' } }, 404));
  app.onError((error, c) => {
    // Never the stack, SQL or message of an unexpected error: those go to the log only.
    services.logger.error({ err: error, path: c.req.path }, 'request failed');
    return c.json(
      { error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } },
      500,
    );
  });
  return app;
}
