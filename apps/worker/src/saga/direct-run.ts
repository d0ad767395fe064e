import type { JobName, JobPayload } from '@roundhouse/core';
import type { JobHelpers } from 'graphile-worker';
import type { TaskContext, TaskDefinition } from '../define-task';
import type { WorkerDeps } from '../deps';

/**
 * Running a task outside graphile-worker (the railway:smoke script, unit-level tests): the
 * context graphile would give attempt `attempt` of `maxAttempts`. Tasks read the attempt numbers
 * and the abort signal; nothing here queues or locks a job.
 */
export function directContext(
  deps: WorkerDeps,
  { attempt = 1, maxAttempts = 25 }: { attempt?: number; maxAttempts?: number } = {},
): TaskContext {
  const helpers = {
    job: { id: `direct-${attempt}`, attempts: attempt, max_attempts: maxAttempts },
    abortSignal: new AbortController().signal,
  } as unknown as JobHelpers;
  return { ...deps, helpers, attempt, isLastAttempt: attempt >= maxAttempts };
}

/**
 * Runs `task` like graphile-worker would: a thrown error is retried after a backoff until the
 * attempts run out, then rethrown.
 */
export async function runDirectly<N extends JobName>(
  task: TaskDefinition<N>,
  payload: JobPayload<N>,
  deps: WorkerDeps,
  options: { maxAttempts: number; backoffMs: (attempt: number) => number },
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await task.run(payload, directContext(deps, { attempt, maxAttempts: options.maxAttempts }));
      return;
    } catch (error) {
      if (attempt >= options.maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, options.backoffMs(attempt)));
    }
  }
}
