import { defineTask } from '../define-task';
import { monitorFor } from '../monitor/deployment-monitor';

/** Every few seconds (the ticker in crontab.ts): statuses, logs, progress, verdicts. */
export const monitorDeploymentsTask = defineTask('monitor_deployments', async (_payload, ctx) => {
  const summary = await monitorFor(ctx.db).poll(ctx);
  if (summary.watched > 0) ctx.logger.debug(summary, 'monitor: poll done');
});
