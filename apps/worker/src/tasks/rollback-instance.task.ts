import { withInstanceLock } from '@roundhouse/db/repositories/worker-instances';
import { defineTask } from '../define-task';
import { rollbackAction } from '../lifecycle/actions';
import { performDeploymentAction } from '../lifecycle/deployment-action';

/** Rolls back to the last good deployment when Railway says canRollback (deploymentRollback). */
export const rollbackInstanceTask = defineTask('rollback_instance', (payload, ctx) =>
  withInstanceLock(ctx.db, payload.instanceId, () =>
    performDeploymentAction(ctx, payload, rollbackAction),
  ),
);
