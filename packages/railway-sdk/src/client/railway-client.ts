/**
 * The Railway client: every method the clone saga, the monitor and the lifecycle jobs need,
 * composed from one file per area over a shared executor (limiter, retries, classification).
 */
import { deploymentMethods } from './methods/deployments';
import { domainMethods } from './methods/domains';
import { logMethods } from './methods/logs';
import { pollMethods } from './methods/poll';
import { projectMethods } from './methods/projects';
import { serviceMethods } from './methods/services';
import { templateMethods } from './methods/template';
import { variableMethods } from './methods/variables';
import type { RailwayClientMetricsSnapshot } from './metrics';
import { createContext, type RailwayClientOptions } from './options';
import type { RateLimiterState } from './rate-limiter';

export function createRailwayClient(options: RailwayClientOptions) {
  const context = createContext(options);
  return {
    ...templateMethods(context),
    ...projectMethods(context),
    ...serviceMethods(context),
    ...domainMethods(context),
    ...deploymentMethods(context),
    ...logMethods(context),
    ...pollMethods(context),
    ...variableMethods(context),
    /** Counters since the client was made (requests by operation and outcome, retries, 429s, waits). */
    snapshot(): RailwayClientMetricsSnapshot {
      return context.metrics.snapshot();
    },
    /** The shared limiter's queue and remaining budget, or null when metering is off. */
    rateLimitState(): RateLimiterState | null {
      return context.limiter?.state() ?? null;
    },
  };
}

export type RailwayClient = ReturnType<typeof createRailwayClient>;
