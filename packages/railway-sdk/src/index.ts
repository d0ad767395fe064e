export { createRailwayClient, type RailwayClient } from './client/railway-client';
export {
  DEFAULT_ENDPOINT,
  DEFAULT_PUBLIC_URL_TEMPLATE,
  type RailwayClientOptions,
  type RateLimitPreset,
} from './client/options';
export type { CallOptions } from './client/executor';
export type { TokenKind } from './client/transport';
export {
  RATE_LIMIT_PRESETS,
  RateLimiter,
  type LimiterClock,
  type RateBudget,
  type RateLimiterOptions,
  type RateLimiterState,
} from './client/rate-limiter';
export { getSharedRateLimiter, rateLimiterKey } from './client/shared-rate-limiters';
export type {
  MetricsSink,
  RailwayClientEvent,
  RailwayClientMetricsSnapshot,
  RequestOutcome,
} from './client/metrics';
export type { RetryPolicy } from './client/retry';
export type { CreateProjectInput } from './client/methods/projects';
export type { CreateServiceInput, ServiceInstanceRef } from './client/methods/services';
export type { UpsertVariablesInput, VariableScope } from './client/methods/variables';
export type * from './client/types';
