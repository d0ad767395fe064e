import { reconcileOrders } from '../billing/reconcile-orders';
import { defineTask } from '../define-task';

/** Cron (every minute, one at a time by its job key): see billing/reconcile-orders. */
export const reconcileOrdersTask = defineTask('reconcile_orders', async (_payload, ctx) => {
  await reconcileOrders(ctx);
});
