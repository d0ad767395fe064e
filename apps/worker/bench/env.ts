import { z } from 'zod';

/**
 * The worker benchmarks' knobs (all optional); the defaults are the DESIGN §8 contract. Read
 * once here because only env.ts files may read process.env.
 */
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  /** A server to create the bench database on; unset: a throwaway embedded Postgres. */
  DATABASE_URL: z.string().optional(),
  /** Injected Railway round-trip time (the simulator's latencyMs). */
  BENCH_RTT_MS: count(0, 2_000).default(50),
  // bench:provision
  /** Clones run one at a time for the latency figures (shallow queue). */
  BENCH_SHALLOW_CLONES: count(5, 1_000).default(30),
  /** Clones enqueued at once for the rate-limit utilization (deep queue). */
  BENCH_DEEP_CLONES: count(10, 10_000).default(300),
  /** Railway's per-second budget of the token (Hobby: 10). */
  BENCH_RATE_PER_SECOND: count(1, 1_000).default(10),
  BENCH_CONCURRENCY: count(1, 200).default(20),
  // bench:monitor
  BENCH_RUNNING_INSTANCES: count(100, 100_000).default(10_000),
  BENCH_INFLIGHT: count(1, 1_000).default(100),
  /** Simulated minutes observed. */
  BENCH_MINUTES: count(2, 120).default(10),
  /** The worker's MONITOR_CHECK_INTERVAL (its production default: 5 s). */
  BENCH_MONITOR_INTERVAL_MS: count(1_000, 60_000).default(5_000),
});

const env = schema.parse(process.env);

export const benchEnv = {
  databaseUrl: env.DATABASE_URL || undefined,
  rttMs: env.BENCH_RTT_MS,
  shallowClones: env.BENCH_SHALLOW_CLONES,
  deepClones: env.BENCH_DEEP_CLONES,
  ratePerSecond: env.BENCH_RATE_PER_SECOND,
  concurrency: env.BENCH_CONCURRENCY,
  runningInstances: env.BENCH_RUNNING_INSTANCES,
  inflight: env.BENCH_INFLIGHT,
  minutes: env.BENCH_MINUTES,
  monitorIntervalMs: env.BENCH_MONITOR_INTERVAL_MS,
};
