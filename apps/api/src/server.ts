import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { parseKeyring } from '@roundhouse/crypto';
import type { Db } from '@roundhouse/db';
import type { AnyTRPCRouter } from '@trpc/server';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import { createAuth } from './auth/auth';
import { createCallerCache } from './auth/caller-cache';
import { queuedEmailSender } from './auth/email';
import type { ApiServices } from './context';
import type { ApiConfig } from './env';
import { createApp } from './http/app';
import { createMetrics } from './metrics/metrics';
import { metricsAccess } from './http/metrics-route';
import { createPaymentServices } from './payments/payment-services';
import { appRouter } from './root';

/** How long close() lets in-flight requests finish before cutting connections. */
const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export type ServicesConfig = Pick<
  ApiConfig,
  'appUrl' | 'authSecret' | 'encryption' | 'nodeEnv' | 'trustedOrigins'
> &
  Partial<Pick<ApiConfig, 'instanceTemplate' | 'payments'>>;

/** The long-lived services for a database; `overrides` swaps any of them (tests: email). */
export function createApiServices(
  config: ServicesConfig,
  db: Db,
  logger: Logger,
  overrides: Partial<Pick<ApiServices, 'email' | 'metrics' | 'callerCache'>> = {},
): ApiServices {
  const email = overrides.email ?? queuedEmailSender(db);
  const callerCache = overrides.callerCache ?? createCallerCache();
  return {
    callerCache,
    db,
    logger,
    appUrl: config.appUrl,
    keyring: parseKeyring(config.encryption),
    email,
    metrics: overrides.metrics ?? createMetrics(),
    instanceTemplate: config.instanceTemplate,
    payments: createPaymentServices(config.payments, config.appUrl),
    auth: createAuth({
      db,
      secret: config.authSecret,
      baseUrl: config.appUrl,
      trustedOrigins: config.trustedOrigins,
      production: config.nodeEnv === 'production',
      email,
      logger,
      onSessionDeleted: callerCache.forgetSession,
      onUserChanged: callerCache.forgetUser,
    }),
  };
}

export interface ApiServerOptions {
  services: ApiServices;
  config: Pick<ApiConfig, 'appUrl' | 'trustedOrigins'> &
    Partial<Pick<ApiConfig, 'webDistDir' | 'trustedProxyHops' | 'metricsToken' | 'nodeEnv'>>;
  /** Default: the full app router. */
  router?: AnyTRPCRouter;
  shutdownGraceMs?: number;
}

export interface ApiServer {
  app: Hono;
  services: ApiServices;
  /** Starts listening (port 0: a free one) and resolves with the address. */
  listen(options?: { port?: number; hostname?: string }): Promise<{ port: number; url: string }>;
  /**
   * Graceful stop: refuses new connections, ends open subscriptions, lets in-flight requests
   * finish (up to the grace period, then cuts what is left). Closing the pool is the owner's job.
   */
  close(): Promise<void>;
}

export function createApiServer(options: ApiServerOptions): ApiServer {
  const { services } = options;
  const shutdown = new AbortController();
  const app = createApp(services, {
    router: options.router ?? appRouter,
    allowedOrigins: [new URL(options.config.appUrl).origin, ...options.config.trustedOrigins],
    shutdown: shutdown.signal,
    webDistDir: options.config.webDistDir,
    trustedProxyHops: options.config.trustedProxyHops,
    metricsAccess: metricsAccess(options.config),
  });
  let server: Server | undefined;

  return {
    app,
    services,
    listen({ port = 0, hostname = '127.0.0.1' } = {}) {
      return new Promise((resolve, reject) => {
        // Plain HTTP/1.1 (the default of serve): TLS ends at the proxy in front.
        const started = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
          const url = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${info.port}`;
          services.logger.info({ event: 'listening', url }, 'API listening');
          resolve({ port: info.port, url });
        });
        started.once('error', reject);
        server = started as Server;
      });
    },
    async close() {
      const running = server;
      if (!running) return;
      server = undefined;
      shutdown.abort();
      await new Promise<void>((resolve) => {
        // Keep-alive connections go idle once their last response is sent: close them as they
        // do, instead of waiting out their keep-alive timeout.
        const sweep = setInterval(() => running.closeIdleConnections(), 50);
        const force = setTimeout(
          () => running.closeAllConnections(),
          options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS,
        );
        running.close(() => {
          clearInterval(sweep);
          clearTimeout(force);
          resolve();
        });
      });
      services.logger.info({ event: 'stopped' }, 'API stopped');
    },
  };
}
