import type { DbOrTrx } from '@roundhouse/db';
import { notifyUser } from '@roundhouse/db/repositories/notifications';

/** Notification types the worker emits (the first segment is the email-preference category). */
export type NotificationType =
  | 'instance.running'
  | 'instance.failed'
  | 'instance.degraded'
  | 'instance.recovered'
  | 'instance.suspended'
  | 'instance.resumed'
  | 'instance.deleted'
  | 'deployment.succeeded'
  | 'deployment.failed'
  | 'deployment.timed_out'
  | 'deployment.rolled_back'
  | (string & {});

export interface NotificationInput {
  type: NotificationType;
  title: string;
  body: string;
  /** Event data: ids and statuses (also the webhook payload's `data`). Never secrets. */
  data?: Record<string, unknown>;
}

/**
 * Records an in-app notification for `userId` and queues its email and webhook deliveries, both
 * on `trx`: the notification exists exactly when the caller's state change commits. The db
 * package's notifyUser (the API uses it too), typed with the worker's notification types.
 * Callers redact title, body and data first (@roundhouse/crypto createRedactor).
 */
export const notify: (
  trx: DbOrTrx,
  input: NotificationInput & { userId: string },
) => Promise<string> = notifyUser;

/** The same notification for every admin (operational alerts); returns the row ids. */
export async function notifyAdmins(trx: DbOrTrx, input: NotificationInput): Promise<string[]> {
  const admins = await trx
    .selectFrom('user')
    .select('id')
    .where('role', '=', 'admin')
    .where((eb) => eb.or([eb('banned', 'is', null), eb('banned', '=', false)]))
    .execute();
  const ids: string[] = [];
  for (const admin of admins) ids.push(await notify(trx, { ...input, userId: admin.id }));
  return ids;
}
