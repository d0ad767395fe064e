import { z } from 'zod';

/** The benchmark's knobs (all optional); defaults are the DESIGN §8 contract. */
const schema = z.object({
  /** A server to create the bench database on; unset: a throwaway embedded Postgres. */
  DATABASE_URL: z.string().optional(),
  BENCH_INSTANCES: z.coerce.number().int().min(100).max(1_000_000).default(100_000),
  BENCH_DEPLOYMENTS_PER_INSTANCE: z.coerce.number().int().min(1).max(50).default(10),
  BENCH_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(50),
  /** Measured seconds (after the warm-up). */
  BENCH_DURATION_S: z.coerce.number().min(1).max(600).default(20),
  BENCH_WARMUP_S: z.coerce.number().min(0).max(60).default(3),
  /** Measured seconds of the closed-loop saturation run. */
  BENCH_SATURATION_S: z.coerce.number().min(1).max(600).default(10),
  /** API_WORKERS of the API process under load (node:cluster; 1: no cluster). */
  BENCH_API_WORKERS: z.coerce.number().int().min(1).max(64).default(2),
  /** NODE_OPTIONS of the API process under load (e.g. --cpu-prof, V8 heap flags); unset: none. */
  BENCH_SERVER_NODE_OPTIONS: z.string().trim().optional(),
  /** Each client's pause between an answer and its next request in the latency run. */
  BENCH_THINK_MS: z.coerce.number().int().min(1).max(10_000).default(100),
  /** bench:webhooks: distinct notifications measured (one order each), after the warm-up. */
  BENCH_NOTIFICATIONS: z.coerce.number().int().min(100).max(200_000).default(7_000),
  /** bench:webhooks: share of all deliveries that are exact redeliveries, in percent. */
  BENCH_DUPLICATES_PCT: z.coerce.number().min(0).max(90).default(30),
  /** bench:webhooks: distinct notifications sent first and not measured (JIT, pool). */
  BENCH_WARMUP_NOTIFICATIONS: z.coerce.number().int().min(0).max(10_000).default(300),
});

const env = schema.parse(process.env);

export const benchConfig = {
  databaseUrl: env.DATABASE_URL || undefined,
  instances: env.BENCH_INSTANCES,
  deploymentsPerInstance: env.BENCH_DEPLOYMENTS_PER_INSTANCE,
  concurrency: env.BENCH_CONCURRENCY,
  durationMs: env.BENCH_DURATION_S * 1000,
  warmupMs: env.BENCH_WARMUP_S * 1000,
  saturationMs: env.BENCH_SATURATION_S * 1000,
  thinkMs: env.BENCH_THINK_MS,
  apiWorkers: env.BENCH_API_WORKERS,
  /** Extra environment of the API process under load. */
  serverEnv: serverEnv(env.BENCH_SERVER_NODE_OPTIONS),
};

export const webhooksBenchConfig = {
  databaseUrl: env.DATABASE_URL || undefined,
  notifications: env.BENCH_NOTIFICATIONS,
  duplicatesPct: env.BENCH_DUPLICATES_PCT,
  warmupNotifications: env.BENCH_WARMUP_NOTIFICATIONS,
  concurrency: env.BENCH_CONCURRENCY,
  apiWorkers: env.BENCH_API_WORKERS,
  serverEnv: serverEnv(env.BENCH_SERVER_NODE_OPTIONS),
};

function serverEnv(nodeOptions: string | undefined): Record<string, string> {
  return nodeOptions ? { NODE_OPTIONS: nodeOptions } : {};
}
