import {
  type DeploymentKind,
  type DeploymentStatus,
  deploymentStatusMachine,
  type ErrorClass,
  INFLIGHT_DEPLOYMENT_STATUSES,
  ResourceError,
} from '@roundhouse/core';
import type { Transaction } from 'kysely';
import type { DbOrTrx } from '../client';
import type { Database } from '../schema/database';
import type { Deployment } from '../schema/instances';

/**
 * What the worker's lifecycle jobs write about deployments: the Railway deployment a QUEUED row
 * now follows, final statuses through the state machine, and the reads adoption and rollback
 * need. Callers hold the instance's lock (worker-instances.ts `withInstanceLock`).
 */
export async function lockDeployment(
  trx: Transaction<Database>,
  deploymentId: string,
): Promise<Deployment | undefined> {
  return trx
    .selectFrom('deployments')
    .selectAll()
    .where('id', '=', deploymentId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findDeployment(
  db: DbOrTrx,
  deploymentId: string,
): Promise<Deployment | undefined> {
  return db.selectFrom('deployments').selectAll().where('id', '=', deploymentId).executeTakeFirst();
}

/**
 * Records the Railway deployment a lifecycle job started on its (still QUEUED) deployment row,
 * with a first heartbeat for the reaper. A restart acts on an existing Railway deployment: the
 * id is unique per row, so `takeOver` moves it from the older row to this one (the newest row
 * owns the deployment; the old row's logs and outcome stay as they were).
 */
export async function recordRailwayDeployment(
  trx: Transaction<Database>,
  input: {
    deploymentId: string;
    railwayDeploymentId: string;
    railwayServiceId: string;
    now: Date;
    takeOver?: boolean;
  },
): Promise<Deployment> {
  if (input.takeOver) {
    await trx
      .updateTable('deployments')
      .set({ railway_deployment_id: null })
      .where('railway_deployment_id', '=', input.railwayDeploymentId)
      .where('id', '<>', input.deploymentId)
      .execute();
  }
  return trx
    .updateTable('deployments')
    .set({
      railway_deployment_id: input.railwayDeploymentId,
      railway_service_id: input.railwayServiceId,
      heartbeat_at: input.now,
    })
    .where('id', '=', input.deploymentId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A deployment reaches a final status through the state machine (no-op if already there). */
export async function closeDeployment(
  trx: Transaction<Database>,
  input: {
    deploymentId: string;
    status: Extract<DeploymentStatus, 'FAILED' | 'CANCELED'>;
    now: Date;
    errorClass?: ErrorClass;
    errorMessage?: string;
  },
): Promise<Deployment> {
  const current = await lockDeployment(trx, input.deploymentId);
  if (!current) {
    throw new ResourceError(`Deployment ${input.deploymentId} not found`, {
      reason: 'NOT_FOUND',
    });
  }
  if (current.status === input.status) return current;
  deploymentStatusMachine.assertTransition(current.status, input.status);
  return trx
    .updateTable('deployments')
    .set({
      status: input.status,
      finished_at: input.now,
      heartbeat_at: input.now,
      error_class: input.errorClass ?? null,
      error_message: input.errorMessage ?? null,
    })
    .where('id', '=', input.deploymentId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A deployment the worker starts on its own (resume), made the instance's current one. */
export async function insertWorkerDeployment(
  trx: Transaction<Database>,
  input: { instanceId: string; kind: DeploymentKind; requestedBy: string; now: Date },
): Promise<Deployment> {
  const deployment = await trx
    .insertInto('deployments')
    .values({
      instance_id: input.instanceId,
      kind: input.kind,
      requested_by: input.requestedBy,
      queued_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('instances')
    .set({ current_deployment_id: deployment.id })
    .where('id', '=', input.instanceId)
    .execute();
  return deployment;
}

/** The instance's deployments still in flight (the monitor watches them). */
export async function inflightDeployments(db: DbOrTrx, instanceId: string): Promise<Deployment[]> {
  return db
    .selectFrom('deployments')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .where('status', 'in', INFLIGHT_DEPLOYMENT_STATUSES)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Railway deployment ids this instance's rows already account for (adoption skips them). */
export async function knownRailwayDeploymentIds(
  db: DbOrTrx,
  instanceId: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('deployments')
    .select('railway_deployment_id')
    .where('instance_id', '=', instanceId)
    .where('railway_deployment_id', 'is not', null)
    .execute();
  return new Set(rows.map((row) => row.railway_deployment_id).filter((id) => id !== null));
}

/** SUCCEEDED deployments with a Railway id, newest first: the candidates of a rollback. */
export async function succeededDeployments(db: DbOrTrx, instanceId: string): Promise<Deployment[]> {
  return db
    .selectFrom('deployments')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .where('status', '=', 'SUCCEEDED')
    .where('railway_deployment_id', 'is not', null)
    .orderBy('created_at', 'desc')
    .execute();
}
