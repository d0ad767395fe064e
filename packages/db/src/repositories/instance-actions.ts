import {
  deploymentStatusMachine,
  instanceStatusMachine,
  jobKeys,
  ResourceError,
  type InstanceStatus,
} from '@roundhouse/core';
import type { Transaction } from 'kysely';
import type { DbOrTrx } from '../client';
import { enqueue } from '../enqueue';
import type { Database } from '../schema/database';
import type { Deployment, Instance } from '../schema/instances';
import { type AuditActor, recordAudit } from './audit';
import { findInflightDeployment, findRollbackTarget, hasPendingCancel } from './deployments';
import { lockInstance } from './instances';

/**
 * Lifecycle actions on one instance (DESIGN §3 "Lifecycle"): each validates the state machine
 * under a row lock on the instance, records (deployment row, instance status, audit) and
 * enqueues the worker job, all in one transaction. Nothing here calls Railway. Customers call
 * them with their own user id; admins with `userId: null` (any owner).
 */

export interface InstanceActionInput {
  instanceId: string;
  /** The owner the instance must belong to (else NOT_FOUND); null: any owner (admins). */
  userId: string | null;
  /** Who is acting, for the audit log (`instance.<action>`). */
  actor: AuditActor;
}

export type ActionInstance = Pick<
  Instance,
  'id' | 'status' | 'status_reason' | 'current_deployment_id' | 'updated_at'
>;

export interface InstanceActionResult {
  instance: ActionInstance;
  /** The deployment created (for cancel: the one being canceled); null for delete and a clone retry. */
  deployment: Deployment | null;
  /** The graphile-worker job that carries the action out. */
  jobId: string;
}

/** Deploying again needs something deployed that is not being changed right now. */
const DEPLOYABLE: readonly InstanceStatus[] = ['RUNNING', 'DEGRADED', 'FAILED'];

/** The worker task that carries out each kind of deployment the api starts (CLONE: the saga). */
const DEPLOYMENT_TASKS = {
  REDEPLOY: 'redeploy_instance',
  RESTART: 'restart_instance',
  ROLLBACK: 'rollback_instance',
  VARIABLES: 'update_instance_variables',
} as const;
export type QueuedKind = keyof typeof DEPLOYMENT_TASKS;
type LifecycleKind = Exclude<QueuedKind, 'VARIABLES'>;

type Trx = Transaction<Database>;
type Step = (trx: Trx, instance: Instance) => Promise<InstanceActionResult>;

export function redeployInstance(db: DbOrTrx, input: InstanceActionInput) {
  return act(db, input, 'redeploy', (trx, instance) =>
    startDeployment(trx, instance, 'REDEPLOY', input),
  );
}

export function restartInstance(db: DbOrTrx, input: InstanceActionInput) {
  return act(db, input, 'restart', (trx, instance) =>
    startDeployment(trx, instance, 'RESTART', input),
  );
}

/**
 * Returns to the previous SUCCEEDED deployment (see findRollbackTarget). The worker also asks
 * Railway for `canRollback` before it acts.
 */
export function rollbackInstance(db: DbOrTrx, input: InstanceActionInput) {
  return act(db, input, 'rollback', (trx, instance) =>
    startDeployment(trx, instance, 'ROLLBACK', input),
  );
}

/**
 * Asks the worker to cancel the in-flight deployment. The job shares the deployment's lifecycle
 * job key on purpose: a redeploy/restart/rollback job that has not started yet is replaced by
 * the cancel (nothing reaches Railway), and one that is running is not retried any more.
 */
export function cancelDeployment(db: DbOrTrx, input: InstanceActionInput) {
  return act(db, input, 'cancel', async (trx, instance) => {
    const deployment = await findInflightDeployment(trx, instance.id);
    if (!deployment) {
      throw illegal(`Instance ${instance.id} has no deployment in progress to cancel`, instance);
    }
    if (!deploymentStatusMachine.canTransition(deployment.status, 'CANCELED')) {
      throw illegal(
        `The ${deployment.kind} deployment is in ${deployment.status}; it is too late to cancel it`,
        instance,
      );
    }
    const jobKey = jobKeys.lifecycle(deployment.id);
    if (await hasPendingCancel(trx, jobKey)) {
      throw conflict(`Cancellation of deployment ${deployment.id} was already requested`);
    }
    const jobId = await enqueue(
      trx,
      'cancel_deployment',
      { deploymentId: deployment.id },
      { jobKey },
    );
    return { instance: actionInstance(instance), deployment, jobId };
  });
}

/**
 * For FAILED instances. A clone that never finished (no provisioned_at, or no Railway service)
 * runs the provisioning saga again, which resumes from its checkpoint; otherwise the instance is
 * redeployed.
 */
export function retryInstance(db: DbOrTrx, input: InstanceActionInput) {
  return act(db, input, 'retry', async (trx, instance) => {
    await assertNoActionInFlight(trx, instance);
    requireStatus(instance, ['FAILED'], 'retry');
    const cloned = instance.provisioned_at !== null && instance.railway_service_id !== null;
    if (cloned) return startDeployment(trx, instance, 'REDEPLOY', input);
    const updated = await moveTo(trx, instance, 'PROVISIONING', 'Retry of provisioning requested');
    const jobId = await enqueue(
      trx,
      'clone_instance',
      { instanceId: instance.id },
      { jobKey: jobKeys.clone(instance.id) },
    );
    return { instance: updated, deployment: null, jobId };
  });
}

/** Deletion is allowed mid-deployment or mid-provisioning: the worker deletes whatever exists. */
export function deleteInstance(db: DbOrTrx, input: InstanceActionInput) {
  return act(db, input, 'delete', async (trx, instance) => {
    if (instance.status === 'DELETING') {
      throw conflict(`Instance ${instance.id} is already being deleted`);
    }
    const deletable = instanceStatusMachine.states.filter((s) =>
      instanceStatusMachine.canTransition(s, 'DELETING'),
    );
    requireStatus(instance, deletable, 'delete');
    const updated = await moveTo(trx, instance, 'DELETING', 'Deletion requested');
    const jobId = await enqueue(
      trx,
      'delete_instance',
      { instanceId: instance.id },
      { jobKey: jobKeys.instance('delete', instance.id) },
    );
    return { instance: updated, deployment: null, jobId };
  });
}

/** Locks the instance (ownership in the same query), runs the step, audits it. */
async function act(
  db: DbOrTrx,
  input: InstanceActionInput,
  action: string,
  step: Step,
): Promise<InstanceActionResult> {
  return inTransaction(db, async (trx) => {
    const instance = await lockInstance(trx, input);
    const result = await step(trx, instance);
    await recordAudit(trx, {
      ...input.actor,
      action: `instance.${action}`,
      target: { type: 'instance', id: instance.id },
      details: {
        fromStatus: instance.status,
        toStatus: result.instance.status,
        deploymentId: result.deployment?.id ?? null,
        ownerId: instance.user_id,
      },
    });
    return result;
  });
}

async function startDeployment(
  trx: Trx,
  instance: Instance,
  kind: LifecycleKind,
  input: InstanceActionInput,
): Promise<InstanceActionResult> {
  const verb = kind.toLowerCase();
  await assertNoActionInFlight(trx, instance);
  requireStatus(instance, DEPLOYABLE, verb);
  if (instance.railway_service_id === null) {
    throw illegal(
      `Instance ${instance.id} has no Railway service yet, so there is nothing to ${verb}; ` +
        'retry its provisioning instead',
      instance,
    );
  }
  if (kind === 'ROLLBACK' && !(await findRollbackTarget(trx, { instanceId: instance.id }))) {
    throw illegal(
      `Instance ${instance.id} has no earlier successful deployment to roll back to`,
      instance,
    );
  }
  // The acting person: the owner, or the admin (whose id is the actor) acting for them.
  return queueDeployment(trx, instance, { kind, requestedBy: input.userId ?? input.actor.actorId });
}

/**
 * The recording half of every deployment the api starts: a QUEUED `deployments` row, the
 * instance DEPLOYING on it, and the worker job under the deployment's lifecycle key. Callers
 * hold the instance row lock and have validated the request (for VARIABLES: credentials-apply).
 */
export async function queueDeployment(
  trx: Trx,
  instance: Instance,
  request: { kind: QueuedKind; requestedBy: string | null },
): Promise<InstanceActionResult & { deployment: Deployment }> {
  const { kind } = request;
  const deployment = await trx
    .insertInto('deployments')
    .values({
      instance_id: instance.id,
      kind,
      status: 'QUEUED',
      railway_service_id: instance.railway_service_id,
      requested_by: request.requestedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const updated = await moveTo(trx, instance, 'DEPLOYING', `${kind} requested`, deployment.id);
  const jobId = await enqueue(
    trx,
    DEPLOYMENT_TASKS[kind],
    { instanceId: instance.id, deploymentId: deployment.id },
    { jobKey: jobKeys.lifecycle(deployment.id) },
  );
  return { instance: updated, deployment, jobId };
}

/**
 * One change at a time: a deployment in flight, a running provisioning saga or a deletion makes
 * any further action a CONFLICT (the caller may wait or cancel), not an illegal request.
 */
async function assertNoActionInFlight(trx: Trx, instance: Instance): Promise<void> {
  if (instance.status === 'PROVISIONING') {
    throw conflict(`Instance ${instance.id} is still being provisioned; wait until it finishes`);
  }
  if (instance.status === 'DELETING') {
    throw conflict(`Instance ${instance.id} is being deleted`);
  }
  const inflight = await findInflightDeployment(trx, instance.id);
  if (inflight) {
    throw conflict(
      `Instance ${instance.id} already has a ${inflight.kind} deployment in progress ` +
        `(${inflight.status}); wait for it to finish or cancel it`,
    );
  }
}

function requireStatus(instance: Instance, allowed: readonly InstanceStatus[], verb: string) {
  if (allowed.includes(instance.status)) return;
  throw illegal(
    `Cannot ${verb} instance ${instance.id}: it is ${instance.status} ` +
      `(${verb} needs ${allowed.join(', ')})`,
    instance,
  );
}

/**
 * Status change through the state machine. The stale error of the state being left is cleared
 * (deployments keep their own errors; the audit keeps the old status).
 */
async function moveTo(
  trx: Trx,
  instance: Instance,
  status: InstanceStatus,
  reason: string,
  currentDeploymentId?: string,
): Promise<ActionInstance> {
  instanceStatusMachine.assertTransition(instance.status, status);
  return trx
    .updateTable('instances')
    .set({
      status,
      status_reason: reason,
      error_class: null,
      error_message: null,
      ...(currentDeploymentId === undefined ? {} : { current_deployment_id: currentDeploymentId }),
    })
    .where('id', '=', instance.id)
    .returning(['id', 'status', 'status_reason', 'current_deployment_id', 'updated_at'])
    .executeTakeFirstOrThrow();
}

function actionInstance(instance: Instance): ActionInstance {
  const { id, status, status_reason, current_deployment_id, updated_at } = instance;
  return { id, status, status_reason, current_deployment_id, updated_at };
}

/** Joins the caller's transaction when given one, so admins can add their own rows to it. */
function inTransaction<T>(db: DbOrTrx, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Trx) : db.transaction().execute(fn);
}

function illegal(message: string, instance: Instance): ResourceError {
  return new ResourceError(message, {
    reason: 'ILLEGAL_TRANSITION',
    details: { instanceId: instance.id, status: instance.status },
  });
}

function conflict(message: string): ResourceError {
  return new ResourceError(message, { reason: 'CONFLICT' });
}
