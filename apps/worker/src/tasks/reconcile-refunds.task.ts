import { reconcileRefunds } from '../billing/reconcile-refunds';
import { defineTask } from '../define-task';

/** Cron (every minute, one at a time by its job key): see billing/reconcile-refunds. */
export const reconcileRefundsTask = defineTask('reconcile_refunds', async (_payload, ctx) => {
  await reconcileRefunds(ctx);
});
