import {
  type ErrorClass,
  type InstanceStatus,
  instanceStatusMachine,
  type PlanId,
  ResourceError,
} from '@roundhouse/core';
import { sql, type Transaction } from 'kysely';
import { type Db, type DbOrTrx, poolOf } from '../client';
import type { Database } from '../schema/database';
import type { Deployment, Instance, InstanceUpdate } from '../schema/instances';
import { withSessionLock } from '../session-lock';

/**
 * What the worker's clone saga and lifecycle jobs write about instances (their deployments:
 * worker-deployments.ts), and the per-instance lock that keeps them apart. The saga records each
 * step on `instances.checkpoint` (with the Railway ids it produced) before it takes the next, and
 * every write is conditional on the state it expects, so a run that lost a race (the instance
 * was deleted meanwhile, a duplicate job finished first) changes nothing. The checkpoint's shape
 * belongs to the worker; here it is opaque JSON merged key by key.
 */

/** Instance columns a clone step may set alongside its checkpoint entry. */
export type CloneColumns = Pick<
  InstanceUpdate,
  'railway_project_id' | 'railway_environment_id' | 'railway_service_id' | 'domain' | 'public_url'
>;

export interface CredentialRow {
  id: string;
  channel: string;
  ciphertext: string;
}

export interface InstanceInputs {
  plan: PlanId;
  /** Enabled credentials of the instance's subscription, still encrypted. */
  credentials: CredentialRow[];
}

/**
 * Runs `fn` holding the instance's advisory lock, so the worker's actions on one instance (clone,
 * lifecycle jobs) never interleave whatever queue their jobs came from: a second one waits. The
 * lock lives on a connection of its own and dies with it, so a killed worker never leaves it held.
 */
export function withInstanceLock<T>(db: Db, instanceId: string, fn: () => Promise<T>): Promise<T> {
  return withSessionLock(poolOf(db).options, `instance:${instanceId}`, fn);
}

export async function findInstance(db: DbOrTrx, instanceId: string): Promise<Instance | undefined> {
  return db.selectFrom('instances').selectAll().where('id', '=', instanceId).executeTakeFirst();
}

/** The plan and enabled credentials the instance's variables are built from. */
export async function instanceInputs(db: DbOrTrx, instance: Instance): Promise<InstanceInputs> {
  const [subscription, credentials] = await Promise.all([
    db
      .selectFrom('subscriptions')
      .select('plan')
      .where('id', '=', instance.subscription_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('channel_credentials')
      .select(['id', 'channel', 'ciphertext'])
      .where('subscription_id', '=', instance.subscription_id)
      .where('enabled', '=', true)
      .orderBy('channel')
      .execute(),
  ]);
  return { plan: subscription.plan, credentials };
}

/**
 * Counts a start of the saga on a PROVISIONING instance (`checkpoint.runs`); undefined when the
 * instance is not provisioning any more. A run > 1 means an earlier one may have created things
 * it did not get to record, so creates look before they leap.
 */
export async function startCloneRun(
  db: DbOrTrx,
  instanceId: string,
): Promise<Instance | undefined> {
  return db
    .updateTable('instances')
    .set({
      checkpoint: sql`jsonb_set(checkpoint, '{runs}',
        to_jsonb(coalesce((checkpoint->>'runs')::int, 0) + 1))`,
    })
    .where('id', '=', instanceId)
    .where('status', '=', 'PROVISIONING')
    .returningAll()
    .executeTakeFirst();
}

/** Merges `patch` into the top level of the checkpoint; false if the instance left PROVISIONING. */
export async function mergeCloneCheckpoint(
  db: DbOrTrx,
  instanceId: string,
  patch: Record<string, unknown>,
  columns: CloneColumns = {},
): Promise<boolean> {
  const result = await db
    .updateTable('instances')
    .set({ ...columns, checkpoint: sql`checkpoint || ${JSON.stringify(patch)}::jsonb` })
    .where('id', '=', instanceId)
    .where('status', '=', 'PROVISIONING')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Sets `checkpoint[section][name] = value` in one statement, so steps running in parallel (one
 * per service) never overwrite each other's entries. A `services` entry is also recorded in
 * `railway_services`. False if the instance left PROVISIONING.
 */
export async function addCloneCheckpointEntry(
  db: DbOrTrx,
  instanceId: string,
  entry: { section: string; name: string; value: unknown },
  columns: CloneColumns = {},
): Promise<boolean> {
  const value = sql`jsonb_build_object(${entry.name}::text, ${JSON.stringify(entry.value)}::jsonb)`;
  const result = await db
    .updateTable('instances')
    .set({
      ...columns,
      checkpoint: sql`checkpoint || jsonb_build_object(${entry.section}::text,
        coalesce(checkpoint->${entry.section}::text, '{}'::jsonb) || ${value})`,
      ...(entry.section === 'services' && { railway_services: sql`railway_services || ${value}` }),
    })
    .where('id', '=', instanceId)
    .where('status', '=', 'PROVISIONING')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The saga's last step: records the CLONE deployment Railway started (QUEUED; the monitor takes
 * it from there) and moves the instance PROVISIONING → DEPLOYING. Undefined when the instance is
 * no longer PROVISIONING (a duplicate run handed over already, or it is being deleted).
 */
export async function handOverClone(
  trx: Transaction<Database>,
  input: {
    instanceId: string;
    railwayDeploymentId: string;
    railwayServiceId: string;
    checkpoint: Record<string, unknown>;
    now: Date;
  },
): Promise<{ instance: Instance; deployment: Deployment } | undefined> {
  const current = await lockInstance(trx, input.instanceId);
  if (current?.status !== 'PROVISIONING') return undefined;
  instanceStatusMachine.assertTransition(current.status, 'DEPLOYING');
  const deployment = await trx
    .insertInto('deployments')
    .values({
      instance_id: input.instanceId,
      kind: 'CLONE',
      railway_deployment_id: input.railwayDeploymentId,
      railway_service_id: input.railwayServiceId,
      queued_at: input.now,
      heartbeat_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const instance = await trx
    .updateTable('instances')
    .set({
      status: 'DEPLOYING',
      status_reason: null,
      error_class: null,
      error_message: null,
      current_deployment_id: deployment.id,
      provisioned_at: input.now,
      checkpoint: sql`checkpoint || ${JSON.stringify(input.checkpoint)}::jsonb`,
    })
    .where('id', '=', input.instanceId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { instance, deployment };
}

/**
 * A saga that gave up: PROVISIONING → FAILED with its error class and an admin-facing message.
 * `released` (the Railway project was deleted or never existed) clears the Railway ids so the
 * instance no longer points at anything; otherwise they stay for an admin to clean up.
 * Undefined when the instance is not PROVISIONING.
 */
export async function failClone(
  trx: Transaction<Database>,
  input: {
    instanceId: string;
    errorClass: ErrorClass;
    message: string;
    released: boolean;
    checkpoint: Record<string, unknown>;
  },
): Promise<Instance | undefined> {
  const current = await lockInstance(trx, input.instanceId);
  if (current?.status !== 'PROVISIONING') return undefined;
  instanceStatusMachine.assertTransition(current.status, 'FAILED');
  const released: InstanceUpdate = input.released
    ? {
        railway_project_id: null,
        railway_environment_id: null,
        railway_service_id: null,
        railway_services: {},
        domain: null,
        public_url: null,
        checkpoint: input.checkpoint,
      }
    : { checkpoint: sql`checkpoint || ${JSON.stringify(input.checkpoint)}::jsonb` };
  return trx
    .updateTable('instances')
    .set({
      ...released,
      status: 'FAILED',
      status_reason: input.message,
      error_class: input.errorClass,
      error_message: input.message,
    })
    .where('id', '=', input.instanceId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function lockInstance(
  trx: Transaction<Database>,
  instanceId: string,
): Promise<Instance | undefined> {
  return trx
    .selectFrom('instances')
    .selectAll()
    .where('id', '=', instanceId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Moves an instance along its state machine (a no-op when it is already there) and sets `extra`.
 * Throws ResourceError ILLEGAL_TRANSITION for a move the machine forbids.
 */
export async function moveInstance(
  trx: Transaction<Database>,
  instanceId: string,
  to: InstanceStatus,
  extra: InstanceUpdate = {},
): Promise<Instance> {
  const current = await lockInstance(trx, instanceId);
  if (!current) {
    throw new ResourceError(`Instance ${instanceId} not found`, { reason: 'NOT_FOUND' });
  }
  return moveLockedInstance(trx, current, to, extra);
}

/** moveInstance for a caller that already holds the row lock and has checked its own guard. */
export async function moveLockedInstance(
  trx: Transaction<Database>,
  current: Instance,
  to: InstanceStatus,
  extra: InstanceUpdate = {},
): Promise<Instance> {
  if (current.status !== to) instanceStatusMachine.assertTransition(current.status, to);
  return trx
    .updateTable('instances')
    .set({ ...extra, status: to })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// The lifecycle's deployment writes live in worker-deployments.ts; the worker imports both from here.
export * from './worker-deployments';
