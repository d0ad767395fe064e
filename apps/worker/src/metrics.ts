import type { Db } from '@roundhouse/db';
import type { MetricsSink, RailwayClient } from '@roundhouse/railway-sdk';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How a job run ended: done, failed with attempts left, or failed for good. */
export type JobOutcome = 'success' | 'retry' | 'failed';

export interface WorkerMetrics {
  registry: Registry;
  observeJob(task: string, outcome: JobOutcome, durationSeconds: number): void;
  /** Pass as the Railway client's `metrics` option. */
  railwaySink: MetricsSink;
  /** Gauges read at scrape time from the database and the Railway client. */
  watch(sources: { db: Db; railway: RailwayClient }): void;
}

/**
 * Prometheus metrics of one worker process, on a registry of its own (not prom-client's global
 * one) so several runners in one test process don't collide.
 */
export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry();
  const jobs = new Counter({
    name: 'roundhouse_worker_jobs_total',
    help: 'Job runs by task and outcome (success, retry, failed)',
    labelNames: ['task', 'outcome'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'roundhouse_worker_job_duration_seconds',
    help: 'Job run durations by task',
    labelNames: ['task'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const railwayRequests = new Counter({
    name: 'roundhouse_railway_requests_total',
    help: 'Railway API requests by operation and outcome',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const railwayRateLimited = new Counter({
    name: 'roundhouse_railway_rate_limited_total',
    help: 'Railway responses that were 429 Too Many Requests',
    registers: [registry],
  });
  let sources: { db: Db; railway: RailwayClient } | undefined;
  new Gauge({
    name: 'roundhouse_railway_budget_remaining',
    help: "Requests left in the Railway token's rate-limit window",
    labelNames: ['window'],
    registers: [registry],
    collect() {
      const state = sources?.railway.rateLimitState();
      if (!state) return;
      this.set({ window: 'second' }, state.remainingPerSecond);
      this.set({ window: 'hour' }, state.remainingPerHour);
    },
  });
  new Gauge({
    name: 'roundhouse_deployments',
    help: 'Deployments by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      if (!sources) return;
      const rows = await sources.db
        .selectFrom('deployments')
        .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
        .groupBy('status')
        .execute();
      this.reset();
      for (const row of rows) this.set({ status: row.status }, Number(row.count));
    },
  });
  return {
    registry,
    observeJob(task, outcome, durationSeconds) {
      jobs.inc({ task, outcome });
      durations.observe({ task }, durationSeconds);
    },
    railwaySink(event) {
      if (event.type === 'request') {
        railwayRequests.inc({ operation: event.operation, outcome: event.outcome });
      } else if (event.type === 'rate-limited') {
        railwayRateLimited.inc();
      }
    },
    watch(next) {
      sources = next;
    },
  };
}
