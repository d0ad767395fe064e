/** Client options, their defaults, and the validation that turns bad ones into a clear error. */
import { ConfigurationError } from '@roundhouse/core';
import { DEFAULT_BATCH_SIZE } from './batch';
import { Executor } from './executor';
import { MetricsRecorder, type MetricsSink } from './metrics';
import { RATE_LIMIT_PRESETS, type RateBudget, type RateLimiter } from './rate-limiter';
import { DEFAULT_RETRY_POLICY, realSleep, type RetryPolicy, type Sleep } from './retry';
import { getSharedRateLimiter, rateLimiterKey } from './shared-rate-limiters';
import type { TokenKind } from './transport';

export const DEFAULT_ENDPOINT = 'https://backboard.railway.com/graphql/v2';
export const DEFAULT_PUBLIC_URL_TEMPLATE = 'https://{domain}';

export type RateLimitPreset = keyof typeof RATE_LIMIT_PRESETS;

export interface RailwayClientOptions {
  token: string;
  /** Workspace and account tokens go in `Authorization: Bearer`; project tokens in `Project-Access-Token`. Default workspace. */
  tokenKind?: TokenKind;
  endpoint?: string;
  fetch?: typeof fetch;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /**
   * The token's budget (default `hobby`). Clients with the same token and endpoint share one
   * limiter in the process. `false` disables metering (the server still enforces its limits).
   */
  rateLimit?: RateLimitPreset | RateBudget | false;
  /** Use this limiter instead of the process-wide one for the token. */
  rateLimiter?: RateLimiter;
  /** Deployments per batched status request. Default 100. */
  batchSize?: number;
  /** Deployments per batched log request (each may return many lines). Default 20. */
  logBatchSize?: number;
  /** Page size for listings walked to find something by name. Default 100. */
  pageSize?: number;
  /** How a service domain becomes a URL; `{domain}` is replaced. Default `https://{domain}`. */
  publicUrlTemplate?: string;
  metrics?: MetricsSink;
  /** Injectable for tests: the wait between retries, jitter source and clock. */
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
}

export interface ClientSettings {
  batchSize: number;
  logBatchSize: number;
  pageSize: number;
  publicUrlTemplate: string;
}

export interface ClientContext {
  executor: Executor;
  metrics: MetricsRecorder;
  limiter: RateLimiter | undefined;
  settings: ClientSettings;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < 1) {
    throw new ConfigurationError(
      `Railway client option ${name} must be a positive integer, got ${value}`,
    );
  }
  return result;
}

function checkEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigurationError(`Railway endpoint is not a URL: ${endpoint}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(`Railway endpoint must be http(s): ${endpoint}`);
  }
  return endpoint;
}

function limiterFor(options: RailwayClientOptions, endpoint: string): RateLimiter | undefined {
  if (options.rateLimiter) return options.rateLimiter;
  const rateLimit = options.rateLimit ?? 'hobby';
  if (rateLimit === false) return undefined;
  const budget = typeof rateLimit === 'string' ? RATE_LIMIT_PRESETS[rateLimit] : rateLimit;
  if (!budget)
    throw new ConfigurationError(`unknown Railway rate-limit preset: ${String(rateLimit)}`);
  return getSharedRateLimiter(rateLimiterKey(endpoint, options.token), budget);
}

export function createContext(options: RailwayClientOptions): ClientContext {
  if (typeof options.token !== 'string' || options.token.trim() === '') {
    throw new ConfigurationError('Railway client needs a token');
  }
  const tokenKind = options.tokenKind ?? 'workspace';
  if (!['workspace', 'account', 'project'].includes(tokenKind)) {
    throw new ConfigurationError(`unknown Railway token kind: ${tokenKind}`);
  }
  const endpoint = checkEndpoint(options.endpoint ?? DEFAULT_ENDPOINT);
  const publicUrlTemplate = options.publicUrlTemplate ?? DEFAULT_PUBLIC_URL_TEMPLATE;
  if (!publicUrlTemplate.includes('{domain}')) {
    throw new ConfigurationError(`publicUrlTemplate must contain {domain}: ${publicUrlTemplate}`);
  }
  const retry: RetryPolicy = {
    maxAttempts: positiveInteger(
      'retry.maxAttempts',
      options.retry?.maxAttempts,
      DEFAULT_RETRY_POLICY.maxAttempts,
    ),
    baseDelayMs: positiveInteger(
      'retry.baseDelayMs',
      options.retry?.baseDelayMs,
      DEFAULT_RETRY_POLICY.baseDelayMs,
    ),
    maxDelayMs: positiveInteger(
      'retry.maxDelayMs',
      options.retry?.maxDelayMs,
      DEFAULT_RETRY_POLICY.maxDelayMs,
    ),
  };
  const limiter = limiterFor(options, endpoint);
  const metrics = new MetricsRecorder(options.metrics, () => limiter?.state() ?? null);
  const executor = new Executor({
    transport: {
      endpoint,
      token: options.token,
      tokenKind,
      fetch: options.fetch ?? globalThis.fetch,
      timeoutMs: positiveInteger('timeoutMs', options.timeoutMs, 30_000),
    },
    limiter,
    retry,
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    metrics,
  });
  return {
    executor,
    metrics,
    limiter,
    settings: {
      batchSize: positiveInteger('batchSize', options.batchSize, DEFAULT_BATCH_SIZE),
      logBatchSize: positiveInteger('logBatchSize', options.logBatchSize, 20),
      pageSize: positiveInteger('pageSize', options.pageSize, 100),
      publicUrlTemplate,
    },
  };
}
