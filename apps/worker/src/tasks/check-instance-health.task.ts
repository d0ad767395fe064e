import { defineTask } from '../define-task';
import { checkFleetHealth } from '../health/fleet-check';

/** Every minute, or for given instances (a manual check): HTTP health of running instances. */
export const checkInstanceHealthTask = defineTask('check_instance_health', async (payload, ctx) => {
  const summary = await checkFleetHealth(ctx, {
    ...(payload.instanceIds && { instanceIds: payload.instanceIds }),
  });
  if (summary.checked > 0) ctx.logger.info(summary, 'health: checks done');
});
