import { withInstanceLock } from '@roundhouse/db/repositories/worker-instances';
import { defineTask } from '../define-task';
import { performDeploymentAction } from '../lifecycle/deployment-action';
import { updateVariablesAction } from '../lifecycle/variables-action';

/** New credentials or settings reach the instance: one variableCollectionUpsert, one redeploy. */
export const updateInstanceVariablesTask = defineTask('update_instance_variables', (payload, ctx) =>
  withInstanceLock(ctx.db, payload.instanceId, () =>
    performDeploymentAction(ctx, payload, updateVariablesAction),
  ),
);
