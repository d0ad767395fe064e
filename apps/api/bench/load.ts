import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * `clients` workers each send one request, wait for the answer, think (a person reading the
 * page), and send the next, for `warmupMs` (not recorded) and then `durationMs` (recorded).
 * Think times are drawn from an exponential distribution of mean `thinkMs`, and each client
 * starts after one of them: independent users, so requests arrive about as a Poisson stream.
 * A fixed think time with every client starting at once would keep the 50 clients in step, a
 * burst of 50 requests every ~100 ms that no population of people produces. `thinkMs` 0: the
 * next request goes at once (a closed loop, which measures saturation throughput, not latency).
 * Latency is wall-clock time from just before the request to the parsed response
 * (performance.now, real time), so it includes HTTP, tRPC, authentication, the database and
 * JSON/superjson handling, but not the think time.
 */

export interface Operation {
  /** Procedure name, for per-procedure figures. */
  name: string;
  run(): Promise<unknown>;
}

export interface LoadResult {
  requests: number;
  /** Every answered request, warm-up included (what the run's CPU was spent on). */
  answered: number;
  errors: number;
  /** Measured seconds. */
  seconds: number;
  latenciesMs: Map<string, number[]>;
}

export async function runLoad(options: {
  /** One operation picker per client: each call returns that client's next request. */
  clients: (() => Operation)[];
  warmupMs: number;
  durationMs: number;
  thinkMs: number;
}): Promise<LoadResult> {
  const latenciesMs = new Map<string, number[]>();
  let errors = 0;
  let answered = 0;
  let firstError: unknown;
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;

  const think = () => (options.thinkMs > 0 ? sleep(exponential(options.thinkMs)) : undefined);
  await Promise.all(
    options.clients.map(async (next) => {
      await think();
      while (performance.now() < end) {
        const operation = next();
        const sent = performance.now();
        try {
          await operation.run();
        } catch (error) {
          errors += 1;
          firstError ??= error;
          continue;
        }
        const done = performance.now();
        answered += 1;
        if (sent >= measureFrom && done <= end) {
          const samples = latenciesMs.get(operation.name) ?? [];
          samples.push(done - sent);
          latenciesMs.set(operation.name, samples);
        }
        await think();
      }
    }),
  );
  if (firstError !== undefined) console.error('first failed request:', firstError);
  const requests = [...latenciesMs.values()].reduce((sum, samples) => sum + samples.length, 0);
  return { requests, answered, errors, seconds: options.durationMs / 1000, latenciesMs };
}

/** A draw from the exponential distribution of the given mean. */
function exponential(mean: number): number {
  return -mean * Math.log(1 - Math.random());
}

/** The q-quantile (0..1) by nearest rank, rounded to 0.01 ms. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Math.round(sorted[index]! * 100) / 100;
}
