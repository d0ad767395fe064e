import { defineTask } from '../define-task';
import { reapStaleDeployments } from '../monitor/reaper';

/** Every minute: deployments silent past DEPLOYMENT_TIMEOUT become TIMED_OUT. */
export const reapStaleDeploymentsTask = defineTask(
  'reap_stale_deployments',
  async (_payload, ctx) => {
    await reapStaleDeployments(ctx);
  },
);
