import { deploymentStatusMachine, toRoundhouseError } from '@roundhouse/core';
import {
  closeDeployment,
  findDeployment,
  findInstance,
  moveInstance,
  withInstanceLock,
} from '@roundhouse/db/repositories/worker-instances';
import type { TaskContext } from '../define-task';
import { isFinalFailure } from '../saga/attempts';

/**
 * cancel_deployment: deploymentCancel on Railway, then the row CANCELED and the instance back to
 * what it was serving (RUNNING with a last good deployment, else FAILED). A row whose job has not
 * started anything on Railway yet is simply canceled (that job then finds it closed). When
 * Railway says it is too late (the build finished), nothing changes here: the monitor reports
 * the deployment's real outcome.
 */
export async function cancelDeployment(ctx: TaskContext, deploymentId: string): Promise<void> {
  const row = await findDeployment(ctx.db, deploymentId);
  if (!row) {
    ctx.logger.warn({ deploymentId }, 'cancel: no such deployment');
    return;
  }
  await withInstanceLock(ctx.db, row.instance_id, async () => {
    const deployment = await findDeployment(ctx.db, deploymentId);
    if (!deployment || !deploymentStatusMachine.canTransition(deployment.status, 'CANCELED')) {
      ctx.logger.info({ deploymentId, status: deployment?.status }, 'cancel: past cancelling');
      return;
    }
    const railwayId = deployment.railway_deployment_id;
    if (railwayId !== null && !(await cancelOnRailway(ctx, railwayId))) return;

    await ctx.db.transaction().execute(async (trx) => {
      await closeDeployment(trx, {
        deploymentId,
        status: 'CANCELED',
        now: ctx.now(),
        errorMessage: 'Canceled on request',
      });
      const instance = await findInstance(trx, deployment.instance_id);
      if (instance?.current_deployment_id === deploymentId && instance.status === 'DEPLOYING') {
        const back = instance.last_good_deployment_id ? 'RUNNING' : 'FAILED';
        await moveInstance(trx, instance.id, back, {
          status_reason: 'The deployment was canceled',
        });
      }
    });
    ctx.logger.info({ deploymentId, railwayId }, 'cancel: canceled');
  });
}

/** True when Railway's deployment is canceled (now or already); false when it is too late. */
async function cancelOnRailway(ctx: TaskContext, railwayId: string): Promise<boolean> {
  try {
    await ctx.railway.cancel(railwayId);
    return true;
  } catch (thrown) {
    const error = toRoundhouseError(thrown);
    if (error.reason === 'NOT_FOUND') return true;
    if (error.reason === 'ILLEGAL_TRANSITION') {
      // A cancel whose answer was lost looks like this on the retry: it is REMOVED already.
      const { status } = await ctx.railway.getDeployment(railwayId);
      if (status === 'REMOVED' || status === 'REMOVING') return true;
      ctx.logger.info({ railwayId, status }, 'cancel: too late, the monitor reports the outcome');
      return false;
    }
    if (!isFinalFailure(ctx, error)) throw error;
    ctx.logger.warn({ railwayId, errorClass: error.errorClass }, 'cancel: Railway refused');
    return false;
  }
}
