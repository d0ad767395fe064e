import { INFLIGHT_DEPLOYMENT_STATUSES } from '@roundhouse/core';
import type { Database, Instance } from '@roundhouse/db';
import {
  findDeployment,
  findInstance,
  insertWorkerDeployment,
  moveInstance,
  withInstanceLock,
} from '@roundhouse/db/repositories/worker-instances';
import type { Transaction } from 'kysely';
import type { TaskContext } from '../define-task';
import { notify } from '../notifications/notify';
import { settleAll } from '../saga/adopt';
import { type DeploymentAction, performDeploymentAction } from './deployment-action';
import { deployService } from './new-deployment';
import { allServiceTargets } from './railway-target';

/** `requested_by` of the deployment a resume starts (lets a retry find its own row). */
const RESUME = 'worker:resume';

/** Every service is deployed again; the row follows the public one's deployment. */
const resumeAction: DeploymentAction = {
  kind: 'REDEPLOY',
  verb: 'resume',
  async start({ ctx, instance, target, known, lookFirst }) {
    const others = allServiceTargets(instance).filter((t) => t.serviceId !== target.serviceId);
    const [railwayDeploymentId] = await settleAll([
      deployService(ctx.railway, target, known, lookFirst),
      ...others.map((other) => ctx.railway.deployService(other)),
    ]);
    return { railwayDeploymentId: railwayDeploymentId! };
  },
};

/**
 * resume_instance (renewal, or an admin): SUSPENDED → DEPLOYING with a REDEPLOY deployment the
 * worker records itself, then the services are deployed again and the monitor takes over.
 */
export async function resumeInstance(ctx: TaskContext, instanceId: string): Promise<void> {
  await withInstanceLock(ctx.db, instanceId, async () => {
    const instance = await findInstance(ctx.db, instanceId);
    if (instance?.status !== 'SUSPENDED' && instance?.status !== 'DEPLOYING') {
      ctx.logger.info({ instanceId, status: instance?.status }, 'resume: not suspended');
      return;
    }
    const deploymentId = await ctx.db
      .transaction()
      .execute((trx) => resumeDeployment(ctx, trx, instance));
    if (deploymentId === null) {
      ctx.logger.info({ instanceId }, 'resume: a deployment is already in flight');
      return;
    }
    await performDeploymentAction(ctx, { instanceId, deploymentId }, resumeAction);
  });
}

/** This resume's row: the one an earlier attempt made, a new one, or null when another deploys. */
async function resumeDeployment(
  ctx: TaskContext,
  trx: Transaction<Database>,
  instance: Instance,
): Promise<string | null> {
  const current = instance.current_deployment_id
    ? await findDeployment(trx, instance.current_deployment_id)
    : undefined;
  if (current && (INFLIGHT_DEPLOYMENT_STATUSES as readonly string[]).includes(current.status)) {
    return current.requested_by === RESUME ? current.id : null;
  }
  const deployment = await insertWorkerDeployment(trx, {
    instanceId: instance.id,
    kind: 'REDEPLOY',
    requestedBy: RESUME,
    now: ctx.now(),
  });
  await moveInstance(trx, instance.id, 'DEPLOYING', { suspended_at: null, status_reason: null });
  await notify(trx, {
    userId: instance.user_id,
    type: 'instance.resumed',
    title: 'Your instance is starting again',
    body: `Instance ${instance.name} is being deployed again.`,
    data: { instanceId: instance.id, deploymentId: deployment.id },
  });
  return deployment.id;
}
