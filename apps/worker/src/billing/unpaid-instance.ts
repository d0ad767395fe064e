import { jobKeys, type SubscriptionStatus } from '@roundhouse/core';
import { type Database, enqueue, type Instance } from '@roundhouse/db';
import type { Transaction } from 'kysely';

/** The subscription statuses an instance may serve under (PAST_DUE: the grace period). */
const PAID_UP: readonly SubscriptionStatus[] = ['ACTIVE', 'PAST_DUE'];

/**
 * An instance that just reached RUNNING under a subscription that no longer pays for it: a full
 * refund (CANCELED) or an expiry while its clone was still PROVISIONING could not suspend it
 * then (PROVISIONING cannot be SUSPENDED), so it is suspended now, under the suspend job key
 * (a suspension already queued is not doubled). Returns the subscription's status when it
 * enqueued the suspension, else null.
 */
export async function suspendIfUnpaid(
  trx: Transaction<Database>,
  instance: Pick<Instance, 'id' | 'subscription_id'>,
): Promise<SubscriptionStatus | null> {
  const subscription = await trx
    .selectFrom('subscriptions')
    .select('status')
    .where('id', '=', instance.subscription_id)
    .executeTakeFirst();
  if (!subscription || PAID_UP.includes(subscription.status)) return null;
  await enqueue(
    trx,
    'suspend_instance',
    { instanceId: instance.id },
    { jobKey: jobKeys.instance('suspend', instance.id) },
  );
  return subscription.status;
}
