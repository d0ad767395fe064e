import { EventEmitter } from 'node:events';
import { run, type Runner, type WorkerEvents, type WorkerPool } from 'graphile-worker';
import { startMonitorTicker, workerCronItems } from './crontab';
import { createTaskList, type TaskDefinition } from './define-task';
import type { WorkerDeps } from './deps';
import { graphileLogger } from './graphile-logger';
import type { WorkerMetrics } from './metrics';
import { releaseDeadWorkers } from './recovery/release-dead-workers';
import { WorkerRegistration } from './recovery/worker-registry';

export interface StartRunnerOptions {
  deps: WorkerDeps;
  /** graphile-worker opens its own pool on this database. */
  connectionString: string;
  tasks: readonly TaskDefinition[];
  concurrency: number;
  /** Crontab and the monitor ticker (default true; tests run jobs explicitly). */
  schedules?: boolean;
  /** Fallback poll for jobs scheduled in the future; new jobs arrive by LISTEN/NOTIFY anyway. */
  pollIntervalMs?: number;
  /**
   * How long stop() lets running jobs finish before failing them for a retry (default 30 s).
   * Tasks see `helpers.abortSignal` fire a little before, to wind down cleanly.
   */
  shutdownTimeoutMs?: number;
  recovery?: {
    /** Heartbeat of this process and sweep for dead ones (default 5 s). */
    heartbeatMs?: number;
    /** A process silent this long (and without its liveness lock) is dead (default 3 beats). */
    staleMs?: number;
  };
  metrics?: WorkerMetrics;
}

export interface WorkerRunner {
  /** graphile-worker's pool id: the `locked_by` of this process's jobs. */
  workerId: string;
  events: WorkerEvents;
  /** Resolves when the runner has stopped. */
  promise: Promise<void>;
  isRunning(): boolean;
  /**
   * Graceful shutdown: takes no new jobs, lets running ones finish up to the deadline, then fails
   * the rest so they are retried elsewhere, and removes this process's registration.
   */
  stop(): Promise<void>;
}

/**
 * Starts graphile-worker with our task list. Before taking any job it releases the locks of dead
 * worker processes (see recovery/), and it only fetches jobs once this process is registered, so
 * every lock it takes can be recovered if it dies.
 */
export async function startRunner(options: StartRunnerOptions): Promise<WorkerRunner> {
  const { deps } = options;
  const heartbeatMs = options.recovery?.heartbeatMs ?? 5_000;
  const staleMs = options.recovery?.staleMs ?? heartbeatMs * 3;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 30_000;
  const taskList = createTaskList(deps, options.tasks);
  await sweepDeadWorkers(deps, staleMs);

  const events: WorkerEvents = new EventEmitter();
  let registration: WorkerRegistration | undefined;
  let pool: WorkerPool | undefined;
  events.on('pool:create', ({ workerPool }) => {
    pool = workerPool;
    registration = new WorkerRegistration({
      db: deps.db,
      logger: deps.logger,
      workerId: workerPool.id,
    });
  });
  // graphile calls forbiddenFlags before every job fetch: the first fetches wait for the
  // registration row (retried on the next poll if the database refused it), later ones pass.
  let registered = false;
  let registering: Promise<null> | undefined;
  const untilRegistered = () =>
    (registering ??= (registration?.register() ?? Promise.reject(new Error('no pool'))).then(
      () => ((registered = true), null),
      (error: unknown) => {
        registering = undefined;
        throw error;
      },
    ));
  if (options.metrics) observeJobs(events, options.metrics);

  const schedules = options.schedules ?? true;
  const runner: Runner = await run({
    connectionString: options.connectionString,
    concurrency: options.concurrency,
    maxPoolSize: options.concurrency + 2,
    pollInterval: options.pollIntervalMs ?? 2_000,
    taskList,
    parsedCronItems: schedules ? workerCronItems(new Set(Object.keys(taskList))) : [],
    noHandleSignals: true,
    logger: graphileLogger(deps.logger),
    events,
    forbiddenFlags: () => (registered ? null : untilRegistered()),
    gracefulShutdownAbortTimeout: shutdownTimeoutMs - Math.min(2_000, shutdownTimeoutMs / 4),
    preset: {
      worker: {
        // With batching on (even a 0 ms window) graphile awaits the last completions before it
        // shuts down; without it a job finished during shutdown could stay locked.
        completeJobBatchDelay: 0,
        failJobBatchDelay: 0,
      },
    },
  });
  if (!registration || !pool) throw new Error('graphile-worker created no worker pool');
  const self = registration;
  const workerPool = pool;
  let running = true;
  void runner.promise.finally(() => (running = false)).catch(() => {});

  const beat = setInterval(() => {
    self.beat().catch((error: unknown) => deps.logger.warn({ err: error }, 'heartbeat failed'));
    sweepDeadWorkers(deps, staleMs, self.workerId).catch((error: unknown) =>
      deps.logger.warn({ err: error }, 'sweep for dead workers failed'),
    );
  }, heartbeatMs);
  beat.unref();
  const stopTicker =
    schedules && taskList.monitor_deployments
      ? startMonitorTicker(deps, deps.config.monitor.checkIntervalMs)
      : () => {};

  let stopping: Promise<void> | undefined;
  return {
    workerId: self.workerId,
    events,
    promise: runner.promise,
    isRunning: () => running,
    stop() {
      stopping ??= (async () => {
        stopTicker();
        clearInterval(beat);
        const finished = await withDeadline(runner.stop(), shutdownTimeoutMs);
        if (!finished) {
          deps.logger.warn(
            { shutdownTimeoutMs },
            'jobs still running at the shutdown deadline; failing them for a retry',
          );
          // Fails the running jobs (attempt counted, lock released) so they are retried.
          await workerPool.forcefulShutdown('shutdown deadline passed');
        }
        await runner.promise.catch(() => {});
        await self.unregister();
      })();
      return stopping;
    },
  };
}

async function sweepDeadWorkers(deps: WorkerDeps, staleMs: number, selfId?: string): Promise<void> {
  const released = await releaseDeadWorkers(deps.db, { staleMs, ...(selfId && { selfId }) });
  if (released.workerIds.length > 0) {
    deps.logger.warn(released, 'released the job locks of dead worker processes');
  }
}

function observeJobs(events: WorkerEvents, metrics: WorkerMetrics): void {
  const started = new Map<string, number>();
  events.on('job:start', ({ job }) => started.set(job.id, performance.now()));
  events.on('job:complete', ({ job, error }) => {
    const start = started.get(job.id);
    started.delete(job.id);
    const outcome =
      error === null || error === undefined
        ? 'success'
        : job.attempts >= job.max_attempts
          ? 'failed'
          : 'retry';
    const seconds = start === undefined ? 0 : (performance.now() - start) / 1000;
    metrics.observeJob(job.task_identifier, outcome, seconds);
  });
}

/** True when `promise` settled within `ms`. */
async function withDeadline(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      promise.then(
        () => true as const,
        () => true as const,
      ),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
