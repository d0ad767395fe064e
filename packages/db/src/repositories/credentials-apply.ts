import type { InstanceStatus } from '@roundhouse/core';
import type { Transaction } from 'kysely';
import type { Database } from '../schema/database';
import { type AuditActor, recordAudit } from './audit';
import { findInflightDeployment } from './deployments';
import { queueDeployment } from './instance-actions';
import { lockInstance } from './instances';

/**
 * Applying changed channel credentials to the subscription's live instance: a VARIABLES
 * deployment that the worker carries out with `update_instance_variables`.
 */

export type ApplyOutcome =
  | { status: 'queued'; instanceId: string; deploymentId: string }
  | {
      status: 'skipped';
      reason: 'NOT_REQUESTED' | 'NO_INSTANCE' | 'INSTANCE_NOT_READY';
      /** For the UI: why nothing was deployed and what to do. */
      message: string;
    };

/** Instance states in which a variables update can start right away. */
const APPLICABLE_STATUSES: readonly InstanceStatus[] = ['RUNNING', 'DEGRADED'];

export const skipped = (
  reason: Exclude<ApplyOutcome, { status: 'queued' }>['reason'],
  message: string,
) => ({ status: 'skipped', reason, message }) as const;

/**
 * Records a VARIABLES deployment and enqueues `update_instance_variables` for the subscription's
 * live instance when it is RUNNING or DEGRADED with nothing in flight. Anything else is a
 * `skipped` outcome, not an error: the credentials are saved either way, and a provisioning
 * instance reads them when its clone saga builds the variables.
 * Where the lifecycle actions refuse with CONFLICT this skips, then records the deployment through
 * the same `queueDeployment`.
 */
export async function applyToInstance(
  trx: Transaction<Database>,
  input: { userId: string; subscriptionId: string; by: AuditActor },
): Promise<ApplyOutcome> {
  const live = await trx
    .selectFrom('instances')
    .select('id')
    .where('subscription_id', '=', input.subscriptionId)
    .where('status', '<>', 'DELETED')
    .executeTakeFirst();
  if (!live) {
    return skipped('NO_INSTANCE', 'Saved; the instance will use them when it is created');
  }
  const instance = await lockInstance(trx, { instanceId: live.id, userId: input.userId });
  const inflight = await findInflightDeployment(trx, instance.id);
  const notReady = inflight
    ? `has a ${inflight.kind} deployment in progress`
    : !APPLICABLE_STATUSES.includes(instance.status)
      ? `is ${instance.status}`
      : instance.railway_service_id === null
        ? 'has no Railway service yet'
        : undefined;
  if (notReady !== undefined) {
    return skipped(
      'INSTANCE_NOT_READY',
      `Saved, not applied: the instance ${notReady}; apply once it is running`,
    );
  }
  const { deployment } = await queueDeployment(trx, instance, {
    kind: 'VARIABLES',
    requestedBy: input.userId,
  });
  await recordAudit(trx, {
    ...input.by,
    action: 'instance.update_variables',
    target: { type: 'instance', id: instance.id },
    details: {
      fromStatus: instance.status,
      toStatus: 'DEPLOYING',
      deploymentId: deployment.id,
      ownerId: instance.user_id,
    },
  });
  return { status: 'queued', instanceId: instance.id, deploymentId: deployment.id };
}
