import { testLogLevel } from './env';
import type { JobName, JobPayload } from '@roundhouse/core';
import { generateKey, parseKeyring } from '@roundhouse/crypto';
import { type Db, enqueue, type EnqueueOptions } from '@roundhouse/db';
import { createRailwayClient } from '@roundhouse/railway-sdk';
import type { Simulator } from '@roundhouse/railway-sdk/simulator';
import { sql } from 'kysely';
import { pino } from 'pino';
import type { TaskDefinition } from '../../src/define-task';
import { DEFAULT_BILLING_CONFIG, type WorkerConfig, type WorkerDeps } from '../../src/deps';
import { createWorkerMetrics, type WorkerMetrics } from '../../src/metrics';
import { startRunner, type WorkerRunner } from '../../src/runner';
import { allTasks } from '../../src/tasks';

/** Deps for tests: a test database, the simulator, and anything a test wants to replace. */
export type DepsOverrides = Partial<Omit<WorkerDeps, 'config'>> & {
  config?: Partial<Pick<WorkerConfig, 'appUrl' | 'maxDeploymentAttempts' | 'billing'>> & {
    railway?: Partial<WorkerConfig['railway']>;
    monitor?: Partial<WorkerConfig['monitor']>;
  };
};

export interface TestDepsOptions {
  db: Db;
  sim: Simulator;
  overrides?: DepsOverrides;
  metrics?: WorkerMetrics;
}

/**
 * WorkerDeps against `sim`: a Railway client on the simulator (fast retries), a fresh one-key
 * keyring, a silent logger (WORKER_TEST_LOG=debug to see it), and the simulator's clock as now()
 * when it is manual. Use it directly for unit-level runs of a task.
 */
export function createTestDeps({ db, sim, overrides = {}, metrics }: TestDepsOptions): WorkerDeps {
  const { config = {}, ...rest } = overrides;
  return {
    db,
    railway: createRailwayClient({
      token: sim.token,
      endpoint: sim.url,
      publicUrlTemplate: sim.publicUrlTemplate,
      rateLimit: 'pro',
      retry: { baseDelayMs: 5, maxDelayMs: 50 },
      ...(metrics && { metrics: metrics.railwaySink }),
    }),
    keyring: parseKeyring({ keys: `k1:${generateKey()}` }),
    logger: pino({ level: testLogLevel }),
    now: sim.clock.mode === 'manual' ? () => new Date(sim.clock.now()) : () => new Date(),
    fetch: globalThis.fetch,
    ...rest,
    config: {
      appUrl: config.appUrl ?? 'http://127.0.0.1:3000',
      railway: {
        workspaceId: sim.workspaceId,
        templateProjectId: sim.templates?.single.projectId ?? 'no-template',
        templateServiceId: undefined,
        ...config.railway,
      },
      monitor: {
        checkIntervalMs: 1_000,
        alertThreshold: 3,
        deploymentTimeoutMs: 600_000,
        healthTimeoutMs: 2_000,
        ...config.monitor,
      },
      maxDeploymentAttempts: config.maxDeploymentAttempts ?? 3,
      billing: config.billing ?? DEFAULT_BILLING_CONFIG,
    },
  };
}

export interface WorkerHarnessOptions {
  /** A test database (`createTestDatabase()`): graphile-worker connects to its url. */
  db: { db: Db; url: string };
  sim: Simulator;
  overrides?: DepsOverrides;
  /** Default: every task of the worker. */
  tasks?: readonly TaskDefinition[];
  concurrency?: number;
  /** Crontab and monitor ticker (default false: tests run jobs explicitly). */
  schedules?: boolean;
  /**
   * Run a failed job's retry at once instead of after graphile's exponential backoff (default
   * true). Attempts still count, so isLastAttempt and max_attempts behave as in production.
   */
  fastRetries?: boolean;
  shutdownTimeoutMs?: number;
  /** Heartbeat and dead-worker sweep (default: a beat per second, dead after 3 s). */
  recovery?: { heartbeatMs?: number; staleMs?: number };
}

export interface JobResult {
  id: string;
  status: 'succeeded' | 'failed';
  /** Runs it took (1 = first run). */
  attempts: number;
  /** The error of every failed run, in order. */
  errors: unknown[];
}

export interface DrainFilter {
  task?: JobName;
  queueName?: string;
  jobKey?: string;
  timeoutMs?: number;
}

export interface WorkerHarness {
  deps: WorkerDeps;
  runner: WorkerRunner;
  metrics: WorkerMetrics;
  /** Adds the job (as the api would) and waits until graphile-worker finished it for good. */
  runJob<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    options?: EnqueueOptions & { timeoutMs?: number },
  ): Promise<JobResult>;
  /** Waits for a job added elsewhere (e.g. by a task) to finish for good. */
  waitForJob(jobId: string, timeoutMs?: number): Promise<JobResult>;
  /** Waits until no matching job is running or due (future run_at and dead jobs don't count). */
  drain(filter?: DrainFilter): Promise<void>;
  stop(): Promise<void>;
}

/** A real graphile-worker runner with the worker's tasks on a test database and the simulator. */
export async function startWorkerHarness(options: WorkerHarnessOptions): Promise<WorkerHarness> {
  const metrics = createWorkerMetrics();
  const deps = createTestDeps({
    db: options.db.db,
    sim: options.sim,
    overrides: options.overrides,
    metrics,
  });
  metrics.watch({ db: deps.db, railway: deps.railway });
  const fastRetries = options.fastRetries ?? true;
  const runner = await startRunner({
    deps,
    connectionString: options.db.url,
    tasks: options.tasks ?? allTasks,
    concurrency: options.concurrency ?? 2,
    schedules: options.schedules ?? false,
    pollIntervalMs: 100,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 5_000,
    recovery: options.recovery ?? { heartbeatMs: 1_000 },
    metrics,
  });
  const runs = new JobRuns();
  runner.events.on('job:complete', ({ job, error }) => {
    const failed = error !== null && error !== undefined;
    const final = !failed || job.attempts >= job.max_attempts;
    runs.record(job.id, { failed, final, attempts: job.attempts, error });
    if (failed && !final && fastRetries) void retryNow(deps.db, job.id, job.attempts);
  });

  const waitForJob = (jobId: string, timeoutMs = 30_000) => runs.wait(jobId, timeoutMs);
  return {
    deps,
    runner,
    metrics,
    async runJob(name, payload, { timeoutMs, ...enqueueOptions } = {}) {
      const id = await enqueue(deps.db, name, payload, enqueueOptions);
      return waitForJob(id, timeoutMs);
    },
    waitForJob,
    async drain(filter = {}) {
      const deadline = Date.now() + (filter.timeoutMs ?? 30_000);
      for (;;) {
        const pending = await pendingJobs(deps.db, filter, fastRetries);
        if (pending === 0) return;
        if (Date.now() > deadline) throw new Error(`drain: ${pending} job(s) still pending`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: () => runner.stop(),
  };
}

/**
 * graphile emits job:complete before its (fire-and-forget) failJob write lands, so the job is
 * brought forward once that write is visible: unlocked, with this attempt counted.
 */
async function retryNow(db: Db, jobId: string, attempts: number): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    const result = await sql`
      update graphile_worker._private_jobs set run_at = now()
      where id = ${jobId}::bigint and locked_at is null and attempts = ${attempts} and run_at > now()
    `
      .execute(db)
      .catch(() => undefined);
    if (result === undefined || Number(result.numAffectedRows) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function pendingJobs(db: Db, filter: DrainFilter, fastRetries: boolean): Promise<number> {
  const { rows } = await sql<{ count: string }>`
    select count(*)::text as count from graphile_worker.jobs
    where (attempts < max_attempts or locked_at is not null)
      and (${filter.task ?? null}::text is null or task_identifier = ${filter.task ?? null})
      and (${filter.queueName ?? null}::text is null or queue_name = ${filter.queueName ?? null})
      and (${filter.jobKey ?? null}::text is null or key = ${filter.jobKey ?? null})
      and (locked_at is not null or run_at <= now() or (${fastRetries} and attempts > 0))
  `.execute(db);
  return Number(rows[0]?.count ?? 0);
}

interface RunRecord {
  failed: boolean;
  final: boolean;
  attempts: number;
  error: unknown;
}

/** Completions seen on the runner's events, kept from the start so none is missed. */
class JobRuns {
  private readonly byJob = new Map<string, RunRecord[]>();
  private readonly waiters = new Map<string, () => void>();

  record(jobId: string, run: RunRecord): void {
    const list = this.byJob.get(jobId) ?? [];
    list.push(run);
    this.byJob.set(jobId, list);
    if (run.final) this.waiters.get(jobId)?.();
  }

  async wait(jobId: string, timeoutMs: number): Promise<JobResult> {
    if (!this.finalRun(jobId)) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.waiters.delete(jobId);
          const errors = (this.byJob.get(jobId) ?? []).map((run) => run.error);
          reject(
            new Error(`job ${jobId} not finished after ${timeoutMs} ms`, { cause: errors.at(-1) }),
          );
        }, timeoutMs);
        this.waiters.set(jobId, () => {
          clearTimeout(timer);
          this.waiters.delete(jobId);
          resolve();
        });
      });
    }
    const list = this.byJob.get(jobId) ?? [];
    const final = this.finalRun(jobId) as RunRecord;
    return {
      id: jobId,
      status: final.failed ? 'failed' : 'succeeded',
      attempts: final.attempts,
      errors: list.filter((run) => run.failed).map((run) => run.error),
    };
  }

  private finalRun(jobId: string): RunRecord | undefined {
    return this.byJob.get(jobId)?.find((run) => run.final);
  }
}
