import { withInstanceLock } from '@roundhouse/db/repositories/worker-instances';
import { defineTask } from '../define-task';
import { restartAction } from '../lifecycle/actions';
import { performDeploymentAction } from '../lifecycle/deployment-action';

/** Restarts the serving deployment's containers (deploymentRestart), no rebuild. */
export const restartInstanceTask = defineTask('restart_instance', (payload, ctx) =>
  withInstanceLock(ctx.db, payload.instanceId, () =>
    performDeploymentAction(ctx, payload, restartAction),
  ),
);
