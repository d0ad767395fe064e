/**
 * Metrics hooks: plain callbacks (the app decides whether they feed Prometheus, logs or a bench)
 * plus counters the client keeps itself for `snapshot()`.
 */
import type { ErrorClass } from '@roundhouse/core';
import type { OperationKind } from './classify';
import type { RateLimiterState } from './rate-limiter';

export type RequestOutcome = 'ok' | ErrorClass;

export type RailwayClientEvent =
  | {
      type: 'request';
      operation: string;
      kind: OperationKind;
      attempt: number;
      durationMs: number;
      outcome: RequestOutcome;
      status?: number;
    }
  | { type: 'retry'; operation: string; attempt: number; delayMs: number; errorClass: ErrorClass }
  | { type: 'rate-limited'; operation: string; retryAfterMs?: number }
  | { type: 'limiter-wait'; operation: string; waitMs: number }
  | { type: 'budget'; state: RateLimiterState };

export type MetricsSink = (event: RailwayClientEvent) => void;

export interface OperationCounters {
  requests: number;
  failures: number;
  totalDurationMs: number;
}

export interface RailwayClientMetricsSnapshot {
  requests: number;
  failures: number;
  byOperation: Record<string, OperationCounters>;
  byOutcome: Partial<Record<RequestOutcome, number>>;
  retries: number;
  rateLimited: number;
  /** Requests that had to queue in the limiter, and for how long in total. */
  limiterWaits: number;
  limiterWaitMs: number;
  budget: RateLimiterState | null;
}

export class MetricsRecorder {
  private counters: Omit<RailwayClientMetricsSnapshot, 'budget'> = {
    requests: 0,
    failures: 0,
    byOperation: {},
    byOutcome: {},
    retries: 0,
    rateLimited: 0,
    limiterWaits: 0,
    limiterWaitMs: 0,
  };

  constructor(
    private readonly sink: MetricsSink | undefined,
    private readonly budget: () => RateLimiterState | null,
  ) {}

  emit(event: RailwayClientEvent): void {
    this.count(event);
    try {
      this.sink?.(event);
    } catch {
      // A broken metrics hook must not turn a Railway call (maybe a write already applied) into
      // a failure; the counters above still hold the truth.
    }
  }

  snapshot(): RailwayClientMetricsSnapshot {
    return structuredClone({ ...this.counters, budget: this.budget() });
  }

  private count(event: RailwayClientEvent): void {
    const c = this.counters;
    switch (event.type) {
      case 'request': {
        const failed = event.outcome !== 'ok';
        const op = (c.byOperation[event.operation] ??= {
          requests: 0,
          failures: 0,
          totalDurationMs: 0,
        });
        op.requests++;
        op.totalDurationMs += event.durationMs;
        c.requests++;
        c.byOutcome[event.outcome] = (c.byOutcome[event.outcome] ?? 0) + 1;
        if (failed) {
          op.failures++;
          c.failures++;
        }
        break;
      }
      case 'retry':
        c.retries++;
        break;
      case 'rate-limited':
        c.rateLimited++;
        break;
      case 'limiter-wait':
        c.limiterWaits++;
        c.limiterWaitMs += event.waitMs;
        break;
      case 'budget':
        break;
    }
  }
}
