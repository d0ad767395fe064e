import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '@roundhouse/core';
import { generateKey, SINGLE_KEY_ID } from '@roundhouse/crypto';
import { paymentsConfigFromEnv, type PaymentsConfig } from '@roundhouse/payments';
import { z } from 'zod';
import type { BillingConfig } from './deps';
import { DEFAULT_MAIL_FROM } from './email/mailer';

/** `<repo>/.data`: development's embedded Postgres and generated secrets (shared with the api). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data/', import.meta.url));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const text = z.string().trim().optional();
const ms = z.coerce.number().int().positive();
const days = z.coerce.number().int().min(1).max(365);
const dayList = z.array(z.number().int().min(1).max(365));

const envSchema = z.object({
  DATABASE_URL: text,
  DATA_DIR: z.string().trim().optional(),
  RAILWAY_API_TOKEN: text,
  RAILWAY_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  RAILWAY_WORKSPACE_ID: text,
  RAILWAY_TEMPLATE_PROJECT_ID: text,
  RAILWAY_TEMPLATE_SERVICE_ID: text,
  RAILWAY_PUBLIC_URL_TEMPLATE: z.string().includes('{domain}').optional(),
  RAILWAY_RATE_LIMIT: z.enum(['hobby', 'pro']).default('hobby'),
  MONITOR_CHECK_INTERVAL: ms.default(5_000),
  MONITOR_ALERT_THRESHOLD: z.coerce.number().int().min(1).default(3),
  MONITOR_HEALTH_TIMEOUT: ms.default(5_000),
  DEPLOYMENT_TIMEOUT: ms.default(1_800_000),
  MAX_DEPLOYMENT_ATTEMPTS: z.coerce.number().int().min(1).max(25).default(5),
  ORDER_RECONCILE_AFTER: ms.default(300_000),
  SUBSCRIPTION_GRACE_DAYS: days.default(3),
  SUBSCRIPTION_RETENTION_DAYS: days.default(30),
  SUBSCRIPTION_REMINDER_DAYS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'a comma-separated list of days, e.g. 7,1')
    .default('7,1')
    .transform((list) => [...new Set(list.split(',').map(Number))].sort((a, b) => a - b))
    .pipe(dayList),
  ENCRYPTION_KEYS: text,
  ENCRYPTION_KEY: text,
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().trim().min(3).default(DEFAULT_MAIL_FROM),
  WORKER_PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
  SHUTDOWN_TIMEOUT: ms.default(30_000),
  APP_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
});

/** Railway connection; `undefined` token in development means "start the simulator in-process". */
export interface RailwayEnv {
  token: string | undefined;
  endpoint: string | undefined;
  workspaceId: string | undefined;
  templateProjectId: string | undefined;
  templateServiceId: string | undefined;
  publicUrlTemplate: string | undefined;
  /** The token's plan budget the client meters itself against. */
  rateLimit: 'hobby' | 'pro';
}

export interface WorkerEnv {
  nodeEnv: 'development' | 'test' | 'production';
  /** Unset: the embedded Postgres under `<dataDir>/postgres`. */
  databaseUrl: string | undefined;
  dataDir: string;
  railway: RailwayEnv;
  monitor: {
    checkIntervalMs: number;
    alertThreshold: number;
    healthTimeoutMs: number;
    deploymentTimeoutMs: number;
  };
  maxDeploymentAttempts: number;
  /** PAYMENTS_MODE and the providers' keys (reconciliation queries them), as the api reads them. */
  payments: PaymentsConfig;
  billing: BillingConfig;
  /** Raw keyring source for @roundhouse/crypto parseKeyring. */
  encryption: { keys?: string; key?: string };
  /** Unset: emails go to the email_outbox table. */
  smtpUrl: string | undefined;
  mailFrom: string;
  port: number;
  concurrency: number;
  shutdownTimeoutMs: number;
  appUrl: string;
  logLevel: (typeof LOG_LEVELS)[number];
}

/**
 * Reads and validates the worker's configuration. Production needs a Railway token, a workspace,
 * a template and an encryption key; development fills the gaps (simulator, the api's persisted
 * dev key) so `pnpm dev` works with no .env at all.
 */
export function loadEnv(
  source: Record<string, string | undefined> = process.env,
  defaultDataDir = DEFAULT_DATA_DIR,
): WorkerEnv {
  // `NAME=` in a .env file means "not set", not an empty value.
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigurationError(`Invalid worker configuration: ${problems.join('; ')}`);
  }
  const env = parsed.data;
  // DATA_DIR moves development's data (e.g. an isolated stack for browser tests).
  const dataDir = env.DATA_DIR ? path.resolve(env.DATA_DIR) : defaultDataDir;
  if (env.NODE_ENV === 'production') requireProductionSettings(env);
  if (env.RAILWAY_API_TOKEN && (!env.RAILWAY_WORKSPACE_ID || !env.RAILWAY_TEMPLATE_PROJECT_ID)) {
    throw new ConfigurationError(
      'RAILWAY_API_TOKEN is set: RAILWAY_WORKSPACE_ID and RAILWAY_TEMPLATE_PROJECT_ID are required too',
    );
  }
  return {
    nodeEnv: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL,
    dataDir,
    railway: {
      token: env.RAILWAY_API_TOKEN,
      endpoint: env.RAILWAY_API_URL,
      workspaceId: env.RAILWAY_WORKSPACE_ID,
      templateProjectId: env.RAILWAY_TEMPLATE_PROJECT_ID,
      templateServiceId: env.RAILWAY_TEMPLATE_SERVICE_ID,
      publicUrlTemplate: env.RAILWAY_PUBLIC_URL_TEMPLATE,
      rateLimit: env.RAILWAY_RATE_LIMIT,
    },
    monitor: {
      checkIntervalMs: env.MONITOR_CHECK_INTERVAL,
      alertThreshold: env.MONITOR_ALERT_THRESHOLD,
      healthTimeoutMs: env.MONITOR_HEALTH_TIMEOUT,
      deploymentTimeoutMs: env.DEPLOYMENT_TIMEOUT,
    },
    maxDeploymentAttempts: env.MAX_DEPLOYMENT_ATTEMPTS,
    payments: paymentsConfigFromEnv(present, path.join(dataDir, 'sandbox-payments.json')),
    billing: {
      reconcileAfterMs: env.ORDER_RECONCILE_AFTER,
      graceDays: env.SUBSCRIPTION_GRACE_DAYS,
      retentionDays: env.SUBSCRIPTION_RETENTION_DAYS,
      reminderDays: env.SUBSCRIPTION_REMINDER_DAYS,
    },
    encryption:
      env.ENCRYPTION_KEYS || env.ENCRYPTION_KEY
        ? { keys: env.ENCRYPTION_KEYS, key: env.ENCRYPTION_KEY }
        : {
            keys: devSecret(dataDir, 'encryption-keys', () => `${SINGLE_KEY_ID}:${generateKey()}`),
          },
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    port: env.WORKER_PORT,
    concurrency: env.WORKER_CONCURRENCY,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT,
    appUrl: env.APP_URL,
    logLevel: env.LOG_LEVEL,
  };
}

function requireProductionSettings(env: z.infer<typeof envSchema>): void {
  const missing = [
    !env.DATABASE_URL && 'DATABASE_URL',
    !env.RAILWAY_API_TOKEN && 'RAILWAY_API_TOKEN',
    !env.ENCRYPTION_KEYS && !env.ENCRYPTION_KEY && 'ENCRYPTION_KEYS (or ENCRYPTION_KEY)',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new ConfigurationError(`Required when NODE_ENV=production: ${missing.join(', ')}`);
  }
}

/**
 * A development secret shared with the api (same file, `<dataDir>/<name>`): read it, or create
 * it. Creation is lock-free and atomic: the value is written to a private temp file which is then
 * hard-linked into place; link() fails if the api (or another worker) won the race, and the
 * winner's complete file is read instead. A reader never sees a half-written file.
 */
export function devSecret(dataDir: string, name: string, generate: () => string): string {
  const file = path.join(dataDir, name);
  const existing = readIfExists(file);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, `${generate()}\n`, { mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  const value = readIfExists(file);
  if (!value)
    throw new ConfigurationError(`Development secret ${file} is empty; delete it to regenerate`);
  return value;
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
