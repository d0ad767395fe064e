import { Counter, Histogram, Registry } from 'prom-client';

/** Latency buckets in seconds: tight around the 20 ms p99 target of DESIGN §8. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The API's Prometheus metrics, in a registry of their own (not prom-client's global one), so two
 * servers in one process (tests) never share or double-register counters.
 */
export interface ApiMetrics {
  /** This process's metrics. */
  registry: Registry;
  /**
   * What `/metrics` answers: this registry's exposition, or under node:cluster every worker's
   * registry summed (cluster/cluster-metrics.ts replaces it).
   */
  scrape(): Promise<MetricsPage>;
  /** One finished tRPC procedure call; `status` is 'OK' or the tRPC error code. */
  observeProcedure(call: {
    procedure: string;
    type: string;
    status: string;
    seconds: number;
  }): void;
  /** One finished HTTP request; `route` is the matched route pattern, never the raw path. */
  observeRequest(request: { method: string; route: string; status: number; seconds: number }): void;
}

/** A Prometheus exposition and its content type. */
export interface MetricsPage {
  contentType: string;
  body: string;
}

export function createMetrics(): ApiMetrics {
  const registry = new Registry();
  const procedureCalls = new Counter({
    name: 'roundhouse_api_procedure_calls_total',
    help: 'tRPC procedure calls by procedure, type and outcome (OK or tRPC error code)',
    labelNames: ['procedure', 'type', 'status'],
    registers: [registry],
  });
  const procedureDuration = new Histogram({
    name: 'roundhouse_api_procedure_duration_seconds',
    help: 'tRPC procedure latency',
    labelNames: ['procedure', 'type'],
    buckets: BUCKETS,
    registers: [registry],
  });
  const requests = new Counter({
    name: 'roundhouse_api_http_requests_total',
    help: 'HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: 'roundhouse_api_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'],
    buckets: BUCKETS,
    registers: [registry],
  });
  return {
    registry,
    scrape: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
    observeProcedure({ procedure, type, status, seconds }) {
      procedureCalls.inc({ procedure, type, status });
      procedureDuration.observe({ procedure, type }, seconds);
    },
    observeRequest({ method, route, status, seconds }) {
      requests.inc({ method, route, status: String(status) });
      requestDuration.observe({ method, route }, seconds);
    },
  };
}
