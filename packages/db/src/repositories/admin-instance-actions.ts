import {
  type InstanceStatus,
  instanceStatusMachine,
  jobKeys,
  ResourceError,
  type SubscriptionStatus,
} from '@roundhouse/core';
import type { Transaction } from 'kysely';
import { enqueue } from '../enqueue';
import type { Database } from '../schema/database';
import { lockInstance } from './instances';
import type { Instance } from '../schema/instances';
import { type AuditActor, recordAudit } from './audit';

/**
 * What an admin may do to any instance besides the customer actions (retry lives with those in
 * instance-actions.ts): ask for a health check now, suspend, resume. Each validates, records
 * (status + audit) and enqueues in the caller's transaction; the worker does the Railway part.
 */

/** A health check needs something answering at a public URL. */
const CHECKABLE: readonly InstanceStatus[] = ['RUNNING', 'DEGRADED', 'FAILED'];

/** A resumed instance would be suspended again at once unless its subscription is paid up. */
const RESUMABLE_SUBSCRIPTIONS: readonly SubscriptionStatus[] = ['ACTIVE', 'PAST_DUE'];

/** The manual health check's job key: repeated clicks while one is pending add no second job. */
export function healthCheckJobKey(instanceId: string): string {
  return `health:${instanceId}`;
}

/** Enqueues `check_instance_health` for this one instance. */
export async function requestHealthCheck(
  trx: Transaction<Database>,
  input: { instanceId: string; by: AuditActor },
): Promise<{ instance: Instance; jobId: string }> {
  const instance = await lockInstance(trx, { instanceId: input.instanceId, userId: null });
  if (!CHECKABLE.includes(instance.status) || instance.public_url === null) {
    throw new ResourceError(
      `The instance is ${instance.status}${instance.public_url === null ? ' with no public URL yet' : ''}; ` +
        `only ${CHECKABLE.join(', ')} instances with a public URL can be health-checked`,
      { reason: 'INVALID', details: { status: instance.status } },
    );
  }
  const jobId = await enqueue(
    trx,
    'check_instance_health',
    { instanceIds: [instance.id] },
    { jobKey: healthCheckJobKey(instance.id) },
  );
  await audit(trx, input.by, 'admin.instance.health_check', instance, {});
  return { instance, jobId };
}

/** SUSPENDED now (the worker then stops it on Railway); `reason` is shown as the status reason. */
export async function suspendInstance(
  trx: Transaction<Database>,
  input: { instanceId: string; reason: string; by: AuditActor },
): Promise<Instance> {
  const current = await lockInstance(trx, { instanceId: input.instanceId, userId: null });
  assertCan(current, 'SUSPENDED', 'suspended');
  const instance = await trx
    .updateTable('instances')
    .set((eb) => ({ status: 'SUSPENDED', status_reason: input.reason, suspended_at: eb.fn('now') }))
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await enqueue(
    trx,
    'suspend_instance',
    { instanceId: instance.id },
    { jobKey: jobKeys.instance('suspend', instance.id) },
  );
  await audit(trx, input.by, 'admin.instance.suspend', current, { reason: input.reason });
  return instance;
}

/** SUSPENDED → DEPLOYING; the worker's resume job redeploys it. */
export async function resumeInstance(
  trx: Transaction<Database>,
  input: { instanceId: string; by: AuditActor },
): Promise<Instance> {
  const current = await lockInstance(trx, { instanceId: input.instanceId, userId: null });
  // DEPLOYING is reachable from other states too (a redeploy); only a suspension is resumed.
  if (current.status !== 'SUSPENDED') throw cannot(current, 'resumed');
  instanceStatusMachine.assertTransition(current.status, 'DEPLOYING');
  const subscription = await trx
    .selectFrom('subscriptions')
    .select('status')
    .where('id', '=', current.subscription_id)
    .executeTakeFirstOrThrow();
  if (!RESUMABLE_SUBSCRIPTIONS.includes(subscription.status)) {
    throw new ResourceError(
      `The instance's subscription is ${subscription.status}; renew it or grant a new one instead`,
      { reason: 'INVALID', details: { subscriptionStatus: subscription.status } },
    );
  }
  const instance = await trx
    .updateTable('instances')
    .set({ status: 'DEPLOYING', status_reason: null, suspended_at: null })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await enqueue(
    trx,
    'resume_instance',
    { instanceId: instance.id },
    { jobKey: jobKeys.instance('resume', instance.id) },
  );
  await audit(trx, input.by, 'admin.instance.resume', current, {});
  return instance;
}

function assertCan(instance: Instance, to: InstanceStatus, verb: string): void {
  if (!instanceStatusMachine.canTransition(instance.status, to)) throw cannot(instance, verb);
}

function cannot(instance: Instance, verb: string): ResourceError {
  return new ResourceError(`The instance is ${instance.status}; it can't be ${verb}`, {
    reason: 'ILLEGAL_TRANSITION',
    details: { status: instance.status },
  });
}

async function audit(
  trx: Transaction<Database>,
  by: AuditActor,
  action: string,
  before: Instance,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(trx, {
    ...by,
    action,
    target: { type: 'instance', id: before.id },
    details: { ...details, userId: before.user_id, statusBefore: before.status },
  });
}
