import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/** A dead worker is replaced after this pause (a crash loop then costs little CPU). */
const RESTART_DELAY_MS = 500;
/** This many deaths within DEATH_WINDOW_MS: something is broken that restarting won't fix. */
const MAX_DEATHS = 5;
const DEATH_WINDOW_MS = 60_000;
/** Longer than a worker's own 10 s grace for in-flight requests (server.ts). */
const STOP_DEADLINE_MS = 15_000;

export interface SupervisorOptions {
  workers: number;
  /** Added to every worker's environment (the resolved DATABASE_URL). */
  env: Record<string, string>;
  logger: Logger;
  /** Once, when every worker listens for the first time: their pids. */
  onReady(pids: number[]): void;
  /** Workers keep dying (MAX_DEATHS within DEATH_WINDOW_MS): none is forked any more. */
  onGiveUp(): void;
}

export interface Supervisor {
  /**
   * SIGTERM to every worker (each finishes its in-flight requests), then waits for all of them to
   * exit, SIGKILLing any still there after STOP_DEADLINE_MS. Resolves with whether all of them
   * stopped cleanly.
   */
  stop(): Promise<boolean>;
}

/** Forks `workers` HTTP workers (node:cluster) and replaces those that die while not stopping. */
export function superviseWorkers(options: SupervisorOptions): Supervisor {
  const { logger } = options;
  const budget = deathBudget(MAX_DEATHS, DEATH_WINDOW_MS);
  const listening = new Set<Worker>();
  let ready = false;
  let stopping = false;

  const fork = () => {
    const worker = cluster.fork(options.env);
    logger.info({ event: 'worker-forked', workerId: worker.id, workerPid: worker.process.pid });
  };
  cluster.on('listening', (worker) => {
    listening.add(worker);
    if (ready || listening.size < options.workers) return;
    ready = true;
    options.onReady([...listening].flatMap((each) => each.process.pid ?? []));
  });
  cluster.on('exit', (worker, code, signal) => {
    listening.delete(worker);
    if (stopping) return;
    const died = {
      event: 'worker-died',
      workerId: worker.id,
      workerPid: worker.process.pid,
      code,
      signal,
    };
    if (!budget.allowsRestart(Date.now())) {
      logger.fatal(died, `${MAX_DEATHS} API workers died within ${DEATH_WINDOW_MS / 1000} s`);
      options.onGiveUp();
      return;
    }
    logger.error(died, 'API worker died: forking a new one');
    setTimeout(() => {
      if (!stopping) fork();
    }, RESTART_DELAY_MS);
  });
  for (let i = 0; i < options.workers; i += 1) fork();

  return {
    async stop() {
      stopping = true;
      const alive = Object.values(cluster.workers ?? {}).filter(
        (worker): worker is Worker => worker !== undefined && !worker.isDead(),
      );
      const clean = await Promise.all(alive.map(stopWorker));
      return clean.every(Boolean);
    },
  };
}

function stopWorker(worker: Worker): Promise<boolean> {
  return new Promise((resolve) => {
    const deadline = setTimeout(() => worker.process.kill('SIGKILL'), STOP_DEADLINE_MS);
    worker.once('exit', (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(deadline);
      // Killed by our SIGTERM itself: it was still starting, so nothing was in flight.
      resolve(code === 0 || signal === 'SIGTERM');
    });
    worker.process.kill('SIGTERM');
  });
}

/** Counts deaths: allowsRestart is false on the `limit`-th death within `windowMs`. */
export function deathBudget(
  limit: number,
  windowMs: number,
): { allowsRestart(now: number): boolean } {
  const deaths: number[] = [];
  return {
    allowsRestart(now) {
      deaths.push(now);
      while (deaths[0] !== undefined && deaths[0] <= now - windowMs) deaths.shift();
      return deaths.length < limit;
    },
  };
}
