import { type JobName, type JobPayload, parseJobPayload } from '@roundhouse/core';
import type { JobHelpers, Task, TaskList } from 'graphile-worker';
import type { WorkerDeps } from './deps';

/** What a task body receives besides its payload. */
export interface TaskContext extends WorkerDeps {
  helpers: JobHelpers;
  /** 1 on the first run. */
  attempt: number;
  /** True when a failure now exhausts the job's attempts (time to compensate). */
  isLastAttempt: boolean;
}

export interface TaskDefinition<N extends JobName = JobName> {
  name: N;
  run(payload: JobPayload<N>, ctx: TaskContext): Promise<void>;
}

/** One task per file: `export const cloneInstance = defineTask('clone_instance', async (p, ctx) => …)`. */
export function defineTask<N extends JobName>(
  name: N,
  run: TaskDefinition<N>['run'],
): TaskDefinition<N> {
  return { name, run };
}

/**
 * The graphile-worker task list. Payloads are parsed with core's job contract before a task
 * runs. `enqueue` validated them already, so a failure here means the contract changed between
 * deploys: the job fails loudly (graphile-worker keeps the error on the job row) rather than
 * running on a payload it doesn't understand.
 */
export function createTaskList(deps: WorkerDeps, tasks: readonly TaskDefinition[]): TaskList {
  const list: TaskList = {};
  for (const task of tasks) {
    const handler: Task = async (payload, helpers) => {
      const parsed = parseJobPayload(task.name, withoutCronMetadata(payload));
      const attempt = helpers.job.attempts;
      await task.run(parsed as never, {
        ...deps,
        helpers,
        attempt,
        isLastAttempt: attempt >= helpers.job.max_attempts,
      });
    };
    list[task.name] = handler;
  }
  return list;
}

/**
 * graphile-worker's cron adds `_cron: { ts, backfilled }` to the payloads it schedules. That is
 * scheduler bookkeeping, not part of the job contract (which is strict), so it is dropped here.
 */
function withoutCronMetadata(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || !('_cron' in payload)) return payload;
  const { _cron: _ignored, ...rest } = payload as Record<string, unknown>;
  return rest;
}
