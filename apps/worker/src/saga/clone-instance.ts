import { toRoundhouseError } from '@roundhouse/core';
import { startCloneRun, withInstanceLock } from '@roundhouse/db/repositories/worker-instances';
import type { TaskContext } from '../define-task';
import { isFinalFailure } from './attempts';
import { CloneSaga, CloneStopped } from './clone-saga';
import { compensateClone } from './compensate';
import { redactError } from './failure-message';

/**
 * clone_instance: runs the saga under the instance's lock. A transient failure is thrown back to
 * graphile-worker (exponential backoff; the next run resumes from the checkpoint); a final one
 * compensates and marks the instance FAILED, and the job completes.
 */
export async function cloneInstance(ctx: TaskContext, instanceId: string): Promise<void> {
  await withInstanceLock(ctx.db, instanceId, async () => {
    const instance = await startCloneRun(ctx.db, instanceId);
    if (!instance) {
      ctx.logger.info({ instanceId }, 'clone: the instance is not PROVISIONING; nothing to do');
      return;
    }
    const saga = new CloneSaga(ctx, instance);
    try {
      await saga.run();
    } catch (thrown) {
      if (thrown instanceof CloneStopped) {
        ctx.logger.info({ instanceId, reason: thrown.message }, 'clone: stopped');
        return;
      }
      const error = toRoundhouseError(thrown);
      if (!isFinalFailure(ctx, error)) throw redactError(error, saga.redactor);
      await compensateClone(ctx, { instanceId, error, step: saga.step, redactor: saga.redactor });
    }
  });
}
