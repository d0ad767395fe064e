import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '@roundhouse/core';
import { generateKey, SINGLE_KEY_ID } from '@roundhouse/crypto';
import { paymentsConfigFromEnv, type PaymentsConfig } from '@roundhouse/payments';
import type { InstanceTemplate } from '@roundhouse/db/repositories/provisioning';
import { z } from 'zod';

/** `<repo>/.data`: where development keeps its embedded Postgres and generated secrets. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data/', import.meta.url));
/** `apps/web/dist`: the web build `pnpm build` writes (same depth from src/ and dist/). */
export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Under DATA_DIR: the key pairs sandbox payments sign and verify with (made at first start). */
export const SANDBOX_KEY_FILE = 'sandbox-payments.json';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );

const optionalText = z.string().trim().optional();

const WORKERS_RANGE = 'expected a whole number from 1 to 64';

const PROXY_HOPS_RANGE = 'expected a whole number from 0 to 10';
const POOL_RANGE = 'expected a whole number from 1 to 100';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATA_DIR: z.string().trim().optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  API_WORKERS: z.coerce
    .number({ error: WORKERS_RANGE })
    .int(WORKERS_RANGE)
    .min(1, WORKERS_RANGE)
    .max(64, WORKERS_RANGE)
    .default(1),
  APP_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
  AUTH_SECRET: z.string().trim().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  DATABASE_URL: optionalText,
  ENCRYPTION_KEYS: optionalText,
  ENCRYPTION_KEY: optionalText,
  TRUSTED_ORIGINS: commaList.pipe(z.array(z.url({ protocol: /^https?$/ }))),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  RAILWAY_TEMPLATE_PROJECT_ID: optionalText,
  RAILWAY_TEMPLATE_SERVICE_ID: optionalText,
  WEB_DIST_DIR: optionalText,
  DATABASE_POOL_SIZE: z.coerce
    .number({ error: POOL_RANGE })
    .int(POOL_RANGE)
    .min(1, POOL_RANGE)
    .max(100, POOL_RANGE)
    .default(10),
  METRICS_TOKEN: z
    .string()
    .trim()
    .min(16, 'METRICS_TOKEN must be at least 16 characters')
    .optional(),
  TRUST_PROXY_HOPS: z.coerce
    .number({ error: PROXY_HOPS_RANGE })
    .int(PROXY_HOPS_RANGE)
    .min(0, PROXY_HOPS_RANGE)
    .max(10, PROXY_HOPS_RANGE)
    .default(0),
});

export type NodeEnv = 'development' | 'test' | 'production';

export interface ApiConfig {
  nodeEnv: NodeEnv;
  port: number;
  /**
   * HTTP processes serving `port` (node:cluster, src/cluster/); 1: this process alone. State kept
   * in memory (rate limits, caller cache) is per process.
   */
  apiWorkers: number;
  /** Public URL of the dashboard; its origin may send cookie-authenticated mutations. */
  appUrl: string;
  authSecret: string;
  /** Unset: an embedded Postgres under `<dataDir>/postgres` (resolveDatabaseUrl). */
  databaseUrl: string | undefined;
  /** Connections each serving process may hold (DATABASE_POOL_SIZE; × API_WORKERS per replica). */
  databasePoolSize: number;
  dataDir: string;
  /** Raw keyring source for @roundhouse/crypto parseKeyring. */
  encryption: { keys?: string; key?: string };
  /** Origins allowed besides APP_URL's (normalised with URL.origin). */
  trustedOrigins: string[];
  logLevel: (typeof LOG_LEVELS)[number];
  /** What admin-granted subscriptions are provisioned from; unset: granting is refused. */
  instanceTemplate: InstanceTemplate | undefined;
  /** PAYMENTS_MODE and the providers' keys (DESIGN §5, §7). */
  payments: PaymentsConfig;
  /** The web build served at this origin; unset: none (development runs Vite in front). */
  webDistDir?: string;
  /**
   * Proxies in front of the API that append the address they received from to X-Forwarded-For
   * (TRUST_PROXY_HOPS; 1 behind Railway's edge): how the client address is found (client-ip.ts).
   */
  trustedProxyHops: number;
  /**
   * Bearer token /metrics requires (METRICS_TOKEN). Unset: /metrics is open in development and
   * absent in production, where the api's port is its public domain.
   */
  metricsToken?: string;
}

/**
 * Reads and validates the API's configuration. In production AUTH_SECRET and an encryption key
 * are required; in development missing ones are generated once and kept under `.data/`, so
 * sessions and encrypted rows survive restarts.
 */
export function loadEnv(
  source: Record<string, string | undefined> = process.env,
  defaultDataDir = DEFAULT_DATA_DIR,
  defaultWebDistDir = DEFAULT_WEB_DIST_DIR,
): ApiConfig {
  // `NAME=` in a .env file means "not set", not an empty value.
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigurationError(`Invalid API configuration: ${problems.join('; ')}`);
  }
  const env = parsed.data;
  // DATA_DIR moves development's data (e.g. an isolated stack for browser tests).
  const dataDir = env.DATA_DIR ? path.resolve(env.DATA_DIR) : defaultDataDir;
  const production = env.NODE_ENV === 'production';
  if (production && !env.AUTH_SECRET) {
    throw new ConfigurationError('AUTH_SECRET is required when NODE_ENV=production');
  }
  if (production && !env.ENCRYPTION_KEYS && !env.ENCRYPTION_KEY) {
    throw new ConfigurationError(
      'ENCRYPTION_KEYS (or ENCRYPTION_KEY) is required when NODE_ENV=production',
    );
  }
  // An embedded database per replica would split the data silently.
  if (production && !env.DATABASE_URL) {
    throw new ConfigurationError('DATABASE_URL is required when NODE_ENV=production');
  }
  const encryption =
    env.ENCRYPTION_KEYS || env.ENCRYPTION_KEY
      ? { keys: env.ENCRYPTION_KEYS, key: env.ENCRYPTION_KEY }
      : {
          keys: persistedSecret(
            dataDir,
            'encryption-keys',
            () => `${SINGLE_KEY_ID}:${generateKey()}`,
          ),
        };
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    apiWorkers: env.API_WORKERS,
    appUrl: env.APP_URL,
    authSecret:
      env.AUTH_SECRET ??
      persistedSecret(dataDir, 'auth-secret', () => randomBytes(32).toString('base64url')),
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    dataDir,
    encryption,
    trustedOrigins: env.TRUSTED_ORIGINS.map((origin) => new URL(origin).origin),
    logLevel: env.LOG_LEVEL,
    instanceTemplate: env.RAILWAY_TEMPLATE_PROJECT_ID
      ? {
          projectId: env.RAILWAY_TEMPLATE_PROJECT_ID,
          serviceId: env.RAILWAY_TEMPLATE_SERVICE_ID ?? null,
        }
      : undefined,
    payments: paymentsConfigFromEnv(present, path.join(dataDir, SANDBOX_KEY_FILE)),
    webDistDir: webDistDir(env.WEB_DIST_DIR, production, defaultWebDistDir),
    trustedProxyHops: env.TRUST_PROXY_HOPS,
    metricsToken: env.METRICS_TOKEN,
  };
}

/**
 * WEB_DIST_DIR when set (it must hold an index.html); else, in production, apps/web/dist when
 * `pnpm build` made one. Development never serves a build unless told to: Vite does.
 */
function webDistDir(
  configured: string | undefined,
  production: boolean,
  defaultDir: string,
): string | undefined {
  if (configured) {
    const dir = path.resolve(configured);
    if (!existsSync(path.join(dir, 'index.html'))) {
      throw new ConfigurationError(`WEB_DIST_DIR ${dir} has no index.html: run pnpm build first`);
    }
    return dir;
  }
  return production && existsSync(path.join(defaultDir, 'index.html'))
    ? path.resolve(defaultDir)
    : undefined;
}

/** A development secret: read from `<dataDir>/<name>`, or generated and written there (0600). */
function persistedSecret(dataDir: string, name: string, generate: () => string): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const value = generate();
  try {
    writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process (api and worker start together) wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return readFileSync(file, 'utf8').trim();
    throw error;
  }
  return value;
}
