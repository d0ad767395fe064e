import { ResourceError, toRoundhouseError } from '@roundhouse/core';
import type { Deployment as RailwayDeployment } from '@roundhouse/railway-sdk';
import { succeededDeployments } from '@roundhouse/db/repositories/worker-instances';
import type { DeploymentAction } from './deployment-action';
import { deployService, startOrAdoptDeployment } from './new-deployment';

/**
 * The deployment-row actions (DESIGN §3 Lifecycle). Variables live in variables-action.ts; each
 * action only says what to do on Railway, performDeploymentAction does the bookkeeping.
 */

/** serviceInstanceDeployV2: a fresh build and deploy of the public service. */
export const redeployAction: DeploymentAction = {
  kind: 'REDEPLOY',
  verb: 'redeploy',
  async start({ ctx, target, known, lookFirst }) {
    return { railwayDeploymentId: await deployService(ctx.railway, target, known, lookFirst) };
  },
};

/**
 * deploymentRestart of the deployment serving now: the same image restarts, no new deployment,
 * so the row takes over that deployment's id. A restart whose answer was lost is sent again
 * (restarting twice does no harm; not restarting would report a restart that never happened).
 */
export const restartAction: DeploymentAction = {
  kind: 'RESTART',
  verb: 'restart',
  async start({ ctx, target }) {
    const deployments = await ctx.railway.listDeployments(
      target.serviceId,
      target.environmentId,
      10,
    );
    const serving = deployments.find((d) => d.status === 'SUCCESS' || d.status === 'CRASHED');
    if (!serving) {
      throw new ResourceError('Nothing is running on Railway to restart; redeploy instead', {
        reason: 'ILLEGAL_TRANSITION',
      });
    }
    try {
      await ctx.railway.restart(serving.id);
    } catch (thrown) {
      if (!toRoundhouseError(thrown).mayHaveBeenApplied) throw thrown;
      await ctx.railway.restart(serving.id);
    }
    return { railwayDeploymentId: serving.id, takeOver: true };
  },
};

/**
 * deploymentRollback to the newest earlier deployment that succeeded and that Railway says it
 * can roll back to (`canRollback`: superseded, image still retained) — normally the instance's
 * last good deployment. Refused with a clear message when there is none.
 */
export const rollbackAction: DeploymentAction = {
  kind: 'ROLLBACK',
  verb: 'rollback',
  async start({ ctx, instance, deployment, target, known, lookFirst }) {
    const earlier = (await succeededDeployments(ctx.db, instance.id)).filter(
      (row) => row.id !== deployment.id,
    );
    const lastGood = instance.last_good_deployment_id;
    const candidates = [
      ...earlier.filter((row) => row.id === lastGood),
      ...earlier.filter((row) => row.id !== lastGood),
    ];
    if (candidates.length === 0) {
      throw new ResourceError('There is no earlier successful deployment to roll back to', {
        reason: 'INVALID',
      });
    }
    const onRailway = new Map(
      (await ctx.railway.listDeployments(target.serviceId, target.environmentId, 50)).map((d) => [
        d.id,
        d,
      ]),
    );
    const targetRow = candidates.find(
      (row) => onRailway.get(row.railway_deployment_id!)?.canRollback,
    );
    if (!targetRow) throw notRollbackable(candidates[0]!.railway_deployment_id!, onRailway);
    const railwayDeploymentId = await startOrAdoptDeployment(ctx.railway, target, known, {
      lookFirst,
      start: async () => {
        await ctx.railway.rollback(targetRow.railway_deployment_id!);
        return null;
      },
    });
    return { railwayDeploymentId };
  },
};

function notRollbackable(
  railwayId: string,
  onRailway: ReadonlyMap<string, RailwayDeployment>,
): ResourceError {
  const found = onRailway.get(railwayId);
  const why = !found
    ? 'Railway no longer lists it'
    : found.status === 'SUCCESS'
      ? 'it is the deployment serving now'
      : `Railway reports canRollback false (status ${found.status}; its image may have expired)`;
  return new ResourceError(`Railway cannot roll back to deployment ${railwayId}: ${why}`, {
    reason: 'ILLEGAL_TRANSITION',
    details: { railwayDeploymentId: railwayId },
  });
}
