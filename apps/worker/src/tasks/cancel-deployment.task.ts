import { defineTask } from '../define-task';
import { cancelDeployment } from '../lifecycle/cancel';

/** Cancels an in-flight deployment (deploymentCancel) while Railway still allows it. */
export const cancelDeploymentTask = defineTask('cancel_deployment', (payload, ctx) =>
  cancelDeployment(ctx, payload.deploymentId),
);
