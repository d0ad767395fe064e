import { apiKey } from '@better-auth/api-key';
import type { Db } from '@roundhouse/db';
import { betterAuth } from 'better-auth';
import { admin } from 'better-auth/plugins';
import type { Logger } from 'pino';
import type { EmailSender } from './email';

/** API keys look like `rh_<64 letters>`; the prefix tells a key from other bearer tokens. */
export const API_KEY_PREFIX = 'rh_';
/** Set by our HTTP layer from the socket address (overwriting anything a client sent). */
export const CLIENT_IP_HEADER = 'x-roundhouse-client-ip';

export interface AuthOptions {
  db: Db;
  secret: string;
  /** Public URL the dashboard (and so /api/auth, proxied) is served from. */
  baseUrl: string;
  /** Origins besides baseUrl's that may call /api/auth with cookies. */
  trustedOrigins: string[];
  /** Secure cookies (and their `__Secure-` names) in production. */
  production: boolean;
  email: EmailSender;
  /** better-auth's own messages go to our (redacting) log instead of the console. */
  logger: Logger;
  /** Told when a session ends or a user changes (ban, role): the caller cache forgets them. */
  onSessionDeleted?: (sessionId: string) => void;
  onUserChanged?: (userId: string) => void;
  /** Sign-in attempts allowed per client IP and window (default 5 per 60 s). */
  signInLimit?: { window: number; max: number };
}

/**
 * better-auth over our own migrated tables (packages/db migration 0001): email + password,
 * database sessions, the admin plugin (roles user/admin, bans) and API keys with permissions.
 * It never migrates anything itself; it only checks at first use that the schema matches.
 */
export function createAuth(options: AuthOptions) {
  return betterAuth({
    appName: 'Roundhouse',
    baseURL: options.baseUrl,
    basePath: '/api/auth',
    secret: options.secret,
    trustedOrigins: options.trustedOrigins,
    database: { db: options.db, type: 'postgres', transaction: true },
    databaseHooks: {
      session: { delete: { after: async (session) => options.onSessionDeleted?.(session.id) } },
      user: {
        update: { after: async (user) => options.onUserChanged?.(user.id) },
        delete: { after: async (user) => options.onUserChanged?.(user.id) },
      },
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: ({ user, url }) =>
        options.email.sendPasswordReset({ to: user.email, name: user.name, url }),
    },
    rateLimit: {
      // In Postgres (migration 0016): one budget per client across every API process and
      // replica (in memory each of N processes would allow N times the limit).
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100,
      customRules: { '/sign-in/email': options.signInLimit ?? { window: 60, max: 5 } },
    },
    advanced: {
      useSecureCookies: options.production,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: options.production },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    telemetry: { enabled: false },
    logger: {
      level: 'warn',
      log: (level, message, ...args) =>
        options.logger[level]({ component: 'better-auth', details: args }, message),
    },
    plugins: [
      admin({ defaultRole: 'user', adminRoles: ['admin'] }),
      apiKey({
        defaultPrefix: API_KEY_PREFIX,
        // Keys are for services: no per-key request quota, and they never act as a better-auth
        // session (so a key cannot reach /api/auth endpoints, e.g. to mint more keys).
        rateLimit: { enabled: false },
        enableSessionForAPIKeys: false,
        maximumNameLength: 64,
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
