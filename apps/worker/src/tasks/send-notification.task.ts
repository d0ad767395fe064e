import { defineTask } from '../define-task';
import { deliverEmail } from '../notifications/deliver-email';
import { deliverWebhooks } from '../notifications/deliver-webhooks';

/**
 * Delivers a notification row (written by notify()) by email and to the user's webhooks. Each
 * channel is idempotent on its own, so a retry after a partial failure only redoes what failed;
 * a failure of one channel doesn't hold back the other.
 */
export const sendNotificationTask = defineTask('send_notification', async (payload, ctx) => {
  const notification = await ctx.db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', payload.notificationId)
    .executeTakeFirst();
  if (!notification) {
    ctx.logger.info(payload, 'notification no longer exists; nothing to deliver');
    return;
  }
  const [email, webhooks] = await Promise.allSettled([
    deliverEmail(ctx, notification),
    deliverWebhooks(ctx, notification),
  ]);
  ctx.logger.info(
    {
      notificationId: notification.id,
      type: notification.type,
      email: email.status === 'fulfilled' ? email.value : 'failed',
      webhooks: webhooks.status === 'fulfilled' ? webhooks.value : 'failed',
    },
    'notification delivered',
  );
  const failed = [email, webhooks].filter((r) => r.status === 'rejected');
  if (failed.length === 1) throw failed[0]?.reason;
  if (failed.length > 1) {
    throw new AggregateError(
      failed.map((r) => r.reason),
      'email and webhook delivery failed',
    );
  }
});
