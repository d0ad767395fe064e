import type { SubscriptionStatus } from '@roundhouse/core';
import type { Transaction } from 'kysely';
import type { Order } from '../schema/billing';
import type { Database } from '../schema/database';
import { recordAudit } from './audit';
import { type InstanceTemplate, type ProvisionResult, provisionSubscription } from './provisioning';
import { addPeriod } from './subscription-lifecycle';

/**
 * A payment that arrives for a subscription that can no longer become ACTIVE (EXPIRED after
 * its retention, CANCELED by a refund or at its period's end, or a PENDING one canceled when
 * its checkout was abandoned): the provider took the money, so the order is honoured with a
 * fresh PAID subscription of the order's plan and one period from now, provisioned like any
 * first payment (new instance, clone job), in the settlement's transaction. The order is moved
 * to the new subscription; the old one stays as it was (history). Audited as the system.
 */
export async function provisionReplacement(
  trx: Transaction<Database>,
  input: {
    order: Pick<Order, 'id' | 'user_id' | 'plan' | 'plan_version' | 'subscription_id'>;
    replacedStatus: SubscriptionStatus;
    now: Date;
    template: InstanceTemplate;
  },
): Promise<ProvisionResult> {
  const { order, now } = input;
  const pending = await trx
    .insertInto('subscriptions')
    .values({
      user_id: order.user_id,
      plan: order.plan,
      plan_version: order.plan_version,
      source: 'PAID',
      status: 'PENDING',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const result = await provisionSubscription(trx, {
    subscriptionId: pending.id,
    periodStart: now,
    periodEnd: addPeriod(now),
    template: input.template,
  });
  await trx
    .updateTable('orders')
    .set({ subscription_id: pending.id })
    .where('id', '=', order.id)
    .execute();
  await recordAudit(trx, {
    actorType: 'SYSTEM',
    actorId: null,
    action: 'subscriptions.replace',
    target: { type: 'subscription', id: pending.id },
    details: {
      orderId: order.id,
      replaces: order.subscription_id,
      replacedStatus: input.replacedStatus,
      instanceId: result.instance.id,
    },
  });
  return result;
}
