import { instanceStatusMachine } from '@roundhouse/core';
import {
  findInstance,
  moveInstance,
  withInstanceLock,
} from '@roundhouse/db/repositories/worker-instances';
import type { TaskContext } from '../define-task';
import { notify, notifyAdmins } from '../notifications/notify';
import { isFinalFailure } from '../saga/attempts';
import { adminHint, describeError, redactError } from '../saga/failure-message';
import { instanceRedactor } from '../saga/instance-variables';
import { deleteInstanceProject } from '../saga/project-cleanup';
import { abandonInflight } from './abandon';

/**
 * delete_instance: projectDelete of the instance's Railway project (found by its name when no id
 * was recorded), then DELETED. Idempotent: a project Railway no longer knows counts as deleted,
 * and a DELETED instance is left alone. A deletion that fails for good leaves the instance FAILED
 * with the project id for an admin, never a project nobody knows about.
 */
export async function deleteInstance(ctx: TaskContext, instanceId: string): Promise<void> {
  await withInstanceLock(ctx.db, instanceId, async () => {
    const instance = await findInstance(ctx.db, instanceId);
    if (!instance || instance.status === 'DELETED') return;
    if (instance.status !== 'DELETING') {
      if (!instanceStatusMachine.canTransition(instance.status, 'DELETING')) {
        ctx.logger.warn({ instanceId, status: instance.status }, 'delete: cannot delete now');
        return;
      }
      await ctx.db.transaction().execute((trx) => moveInstance(trx, instanceId, 'DELETING'));
    }

    const cleanup = await deleteInstanceProject(
      ctx.railway,
      instance,
      ctx.config.railway.workspaceId,
    );
    if (cleanup.outcome === 'failed') {
      const redactor = await instanceRedactor(ctx, instance);
      if (!isFinalFailure(ctx, cleanup.error)) throw redactError(cleanup.error, redactor);
      const message =
        `Deleting ${instance.name} failed: Railway project ${cleanup.projectId ?? instance.name} ` +
        `could not be deleted: ${describeError(cleanup.error, redactor)}. ` +
        adminHint(cleanup.error.errorClass);
      await ctx.db.transaction().execute(async (trx) => {
        await moveInstance(trx, instanceId, 'FAILED', {
          status_reason: message,
          error_class: cleanup.error.errorClass,
          error_message: message,
        });
        await notifyAdmins(trx, {
          type: 'instance.failed',
          title: `Deleting ${instance.name} failed`,
          body: message,
          data: { instanceId, errorClass: cleanup.error.errorClass },
        });
      });
      return;
    }

    const now = ctx.now();
    await ctx.db.transaction().execute(async (trx) => {
      await abandonInflight(trx, { instanceId, reason: 'The instance was deleted', now });
      await moveInstance(trx, instanceId, 'DELETED', { deleted_at: now, public_url: null });
      await notify(trx, {
        userId: instance.user_id,
        type: 'instance.deleted',
        title: 'Your instance was deleted',
        body: `Instance ${instance.name} and its Railway project were deleted.`,
        data: { instanceId },
      });
    });
    ctx.logger.info({ instanceId, project: cleanup.outcome }, 'delete: deleted');
  });
}
