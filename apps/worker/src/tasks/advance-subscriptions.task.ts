import { advanceSubscriptions } from '../billing/advance-subscriptions';
import { defineTask } from '../define-task';

/** Cron (every few minutes, one at a time by its job key): see billing/advance-subscriptions. */
export const advanceSubscriptionsTask = defineTask(
  'advance_subscriptions',
  async (_payload, ctx) => {
    await advanceSubscriptions(ctx);
  },
);
