import { instanceStatusMachine, toRoundhouseError } from '@roundhouse/core';
import type { Instance } from '@roundhouse/db';
import {
  findInstance,
  moveInstance,
  withInstanceLock,
} from '@roundhouse/db/repositories/worker-instances';
import type { TaskContext } from '../define-task';
import { notify, notifyAdmins } from '../notifications/notify';
import { settleAll } from '../saga/adopt';
import { isFinalFailure } from '../saga/attempts';
import { adminHint, describeError, redactError } from '../saga/failure-message';
import { instanceRedactor } from '../saga/instance-variables';
import { abandonInflight } from './abandon';
import { allServiceTargets, type RailwayTarget } from './railway-target';

/** Railway statuses of a deployment still on its way (cancel it, or it would start serving). */
const ON_ITS_WAY = new Set([
  'INITIALIZING',
  'QUEUED',
  'WAITING',
  'BUILDING',
  'DEPLOYING',
  'NEEDS_APPROVAL',
]);

/**
 * suspend_instance (subscription lapsed, or an admin): every cloned service stops serving —
 * deploymentStop of its serving deployment, deploymentCancel of any still on its way — and the
 * instance is SUSPENDED. Its project, variables and images stay, so resuming is a redeploy.
 * Stopping something already stopped is fine (a retry after a lost answer).
 */
export async function suspendInstance(ctx: TaskContext, instanceId: string): Promise<void> {
  await withInstanceLock(ctx.db, instanceId, async () => {
    const instance = await findInstance(ctx.db, instanceId);
    if (!instance) return;
    if (
      instance.status !== 'SUSPENDED' &&
      !instanceStatusMachine.canTransition(instance.status, 'SUSPENDED')
    ) {
      ctx.logger.warn({ instanceId, status: instance.status }, 'suspend: cannot suspend now');
      return;
    }
    if (instance.railway_service_id !== null) {
      try {
        await settleAll(allServiceTargets(instance).map((target) => stopService(ctx, target)));
      } catch (thrown) {
        await stopFailed(ctx, instance, toRoundhouseError(thrown));
        return;
      }
    }
    const now = ctx.now();
    await ctx.db.transaction().execute(async (trx) => {
      await abandonInflight(trx, { instanceId, reason: 'The instance was suspended', now });
      await moveInstance(trx, instanceId, 'SUSPENDED', {
        suspended_at: instance.suspended_at ?? now,
      });
      await notify(trx, {
        userId: instance.user_id,
        type: 'instance.suspended',
        title: 'Your instance was suspended',
        body: `Instance ${instance.name} is stopped. Renew your subscription to resume it.`,
        data: { instanceId },
      });
    });
    ctx.logger.info({ instanceId }, 'suspend: suspended');
  });
}

async function stopService(ctx: TaskContext, target: RailwayTarget): Promise<void> {
  const deployments = await ctx.railway.listDeployments(target.serviceId, target.environmentId, 10);
  const serving = deployments.find((d) => d.status === 'SUCCESS' || d.status === 'CRASHED');
  await settleAll([
    ...deployments
      .filter((d) => ON_ITS_WAY.has(d.status))
      .map((d) => tolerateDone(ctx.railway.cancel(d.id))),
    ...(serving ? [tolerateDone(ctx.railway.stop(serving.id))] : []),
  ]);
}

/** Railway refuses to stop a stopped deployment or cancel a finished one: that is done already. */
async function tolerateDone(action: Promise<void>): Promise<void> {
  try {
    await action;
  } catch (thrown) {
    if (toRoundhouseError(thrown).reason !== 'ILLEGAL_TRANSITION') throw thrown;
  }
}

async function stopFailed(
  ctx: TaskContext,
  instance: Instance,
  error: ReturnType<typeof toRoundhouseError>,
): Promise<void> {
  const redactor = await instanceRedactor(ctx, instance);
  if (!isFinalFailure(ctx, error)) throw redactError(error, redactor);
  const message =
    `Could not stop ${instance.name} on Railway: ${describeError(error, redactor)}; ` +
    `it may still be running. ${adminHint(error.errorClass)}`;
  await ctx.db.transaction().execute(async (trx) => {
    await moveInstance(trx, instance.id, instance.status, { status_reason: message });
    await notifyAdmins(trx, {
      type: 'instance.failed',
      title: `Suspending ${instance.name} failed`,
      body: message,
      data: { instanceId: instance.id, errorClass: error.errorClass },
    });
  });
}
