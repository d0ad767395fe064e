import { withInstanceLock } from '@roundhouse/db/repositories/worker-instances';
import { defineTask } from '../define-task';
import { redeployAction } from '../lifecycle/actions';
import { performDeploymentAction } from '../lifecycle/deployment-action';

/** A fresh build and deploy of the instance's public service (serviceInstanceDeployV2). */
export const redeployInstanceTask = defineTask('redeploy_instance', (payload, ctx) =>
  withInstanceLock(ctx.db, payload.instanceId, () =>
    performDeploymentAction(ctx, payload, redeployAction),
  ),
);
