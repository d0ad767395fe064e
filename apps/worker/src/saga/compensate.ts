import type { RoundhouseError } from '@roundhouse/core';
import type { Redactor } from '@roundhouse/crypto';
import type { Instance } from '@roundhouse/db';
import { failClone, findInstance } from '@roundhouse/db/repositories/worker-instances';
import type { TaskContext } from '../define-task';
import { notify, notifyAdmins } from '../notifications/notify';
import { CLONE_STEPS, type CloneStep } from './clone-saga';
import { adminHint, describeError } from './failure-message';
import { deleteInstanceProject, type ProjectCleanup } from './project-cleanup';

export interface CloneFailure {
  instanceId: string;
  error: RoundhouseError;
  step: CloneStep;
  redactor: Redactor;
}

/**
 * A saga past its attempts (or refused for good) undoes what it created and says so: it deletes
 * the instance's Railway project — looked up by name when none was recorded, since a lost
 * projectCreate response leaves one nobody knows — or, when deletion fails, leaves the ids on
 * the instance for an admin. The instance becomes FAILED with the error class and a message an
 * admin can act on; the customer and the admins are told.
 */
export async function compensateClone(ctx: TaskContext, failure: CloneFailure): Promise<void> {
  const instance = await findInstance(ctx.db, failure.instanceId);
  if (instance?.status !== 'PROVISIONING') return;
  // Before the project step nothing was sent to Railway, unless an earlier run got further.
  const mayHaveProject = failure.step !== 'variables' && failure.step !== 'template';
  const runs = Number((instance.checkpoint as { runs?: unknown }).runs ?? 0);
  const cleanup = await deleteInstanceProject(
    ctx.railway,
    instance,
    ctx.config.railway.workspaceId,
    {
      lookUpByName: mayHaveProject || runs > 1,
    },
  );
  const message = adminMessage(instance, failure, cleanup, ctx.attempt);
  const released = cleanup.outcome !== 'failed';

  await ctx.db.transaction().execute(async (trx) => {
    const failed = await failClone(trx, {
      instanceId: instance.id,
      errorClass: failure.error.errorClass,
      message,
      released,
      checkpoint: {
        runs,
        compensation: {
          at: ctx.now().toISOString(),
          step: failure.step,
          project: cleanup.outcome,
        },
      },
    });
    if (!failed) return;
    const data = { instanceId: instance.id, errorClass: failure.error.errorClass };
    await notify(trx, {
      userId: instance.user_id,
      type: 'instance.failed',
      title: 'Your instance could not be set up',
      body: customerMessage(failure),
      data,
    });
    await notifyAdmins(trx, {
      type: 'instance.failed',
      title: `Provisioning failed: ${instance.name}`,
      body: message,
      data: { ...data, step: failure.step, railwayProject: cleanup.outcome },
    });
  });
  ctx.logger.warn(
    { instanceId: instance.id, errorClass: failure.error.errorClass, cleanup: cleanup.outcome },
    'clone: gave up and compensated',
  );
}

function adminMessage(
  instance: Instance,
  failure: CloneFailure,
  cleanup: ProjectCleanup,
  attempt: number,
): string {
  const what =
    `Provisioning ${instance.name} failed while trying to ${CLONE_STEPS[failure.step]} ` +
    `(attempt ${attempt}): ${describeError(failure.error, failure.redactor)}.`;
  return [
    what,
    cleanupNote(instance, cleanup, failure.redactor),
    adminHint(failure.error.errorClass),
  ].join(' ');
}

function cleanupNote(instance: Instance, cleanup: ProjectCleanup, redactor: Redactor): string {
  switch (cleanup.outcome) {
    case 'deleted':
      return `Deleted its Railway project ${instance.name} (${cleanup.projectId}).`;
    case 'absent':
      return 'No Railway project was left behind.';
    case 'failed':
      return (
        `Could not delete Railway project ${instance.name}` +
        `${cleanup.projectId ? ` (${cleanup.projectId})` : ' (id unknown; look it up by name)'}: ` +
        `${describeError(cleanup.error, redactor)}; delete it in Railway before retrying.`
      );
  }
}

/** Customers see what they can fix themselves (their credentials); the rest stays internal. */
function customerMessage(failure: CloneFailure): string {
  if (failure.step === 'variables' && failure.error.errorClass === 'CONFIGURATION') {
    return (
      `Your instance could not be set up: ${failure.redactor(failure.error.message)}. ` +
      'Fix your channel settings, then retry from the dashboard.'
    );
  }
  return (
    'We could not set up your instance. Our team has been alerted and is looking into it; ' +
    'you can also retry from the dashboard.'
  );
}
