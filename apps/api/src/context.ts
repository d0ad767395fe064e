import type { UserRole } from '@roundhouse/core';
import type { Keyring } from '@roundhouse/crypto';
import type { Db } from '@roundhouse/db';
import type { InstanceTemplate } from '@roundhouse/db/repositories/provisioning';
import type { Logger } from 'pino';
import type { Auth } from './auth/auth';
import type { CallerCache } from './auth/caller-cache';
import type { EmailSender } from './auth/email';
import type { ApiMetrics } from './metrics/metrics';
import type { PaymentServices } from './payments/payment-services';

/** The signed-in user as every procedure sees it (from better-auth's session or API key). */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

/**
 * Who is calling. A browser session and an API key both act for a user; an API key is further
 * limited to the permissions it was created with (`{ instances: ['read', 'write'] }`).
 */
export type Caller =
  | {
      kind: 'anonymous';
      /** Why credentials that came with the request were refused (e.g. a banned user). */
      refused?: string;
    }
  | { kind: 'session'; user: AuthUser; sessionId: string }
  | {
      kind: 'apiKey';
      user: AuthUser;
      apiKeyId: string;
      permissions: Readonly<Record<string, readonly string[]>>;
    };

/** Long-lived services the procedures use; built once at start-up (see server.ts). */
export interface ApiServices {
  db: Db;
  keyring: Keyring;
  logger: Logger;
  /** Public URL of the dashboard (emails, callback URLs). */
  appUrl: string;
  /** better-auth: sessions, API keys, the admin plugin. */
  auth: Auth;
  /** Recently resolved sessions and API keys (see caller-cache.ts for the staleness bound). */
  callerCache: CallerCache;
  /** Outgoing mail (password reset); the worker issue brings real delivery. */
  email: EmailSender;
  /** Per-procedure request counts and latencies (/metrics). */
  metrics: ApiMetrics;
  /**
   * The Railway template new instances are cloned from (RAILWAY_TEMPLATE_PROJECT_ID,
   * RAILWAY_TEMPLATE_SERVICE_ID); unset, nothing can be provisioned.
   */
  instanceTemplate?: InstanceTemplate;
  /** Provider adapters (sandbox or live), order rate limit. */
  payments: PaymentServices;
}

export interface ApiContext extends ApiServices {
  caller: Caller;
  /** Client address as seen by the server (audit log, rate limits). */
  ip: string | null;
  /** Response headers procedures may set (e.g. Retry-After on a rate limit). */
  resHeaders: Headers;
}
