import { RoundhouseError } from '@roundhouse/core';
import { findRollbackTarget } from '@roundhouse/db/repositories/deployments';
import {
  lockInflightDeployment,
  type MonitoredDeployment,
} from '@roundhouse/db/repositories/monitor';
import {
  findDeployment,
  knownRailwayDeploymentIds,
  recordRailwayDeployment,
} from '@roundhouse/db/repositories/worker-instances';
import type { Deployment as RailwayDeployment } from '@roundhouse/railway-sdk';
import type { WorkerDeps } from '../deps';
import { notify } from '../notifications/notify';
import { fail } from './verdicts';

/**
 * Automatic rollback of a failed redeploy (seed 004: a deploy that fails its health check is
 * rolled back): Railway runs the last good deployment's image again. The ROLLBACK row is
 * recorded (and made the instance's current deployment) before Railway is asked, so a worker
 * that dies in between leaves a row the next poll resumes instead of an instance stuck DEPLOYING.
 */

/** `requested_by` of the rollbacks the monitor starts on its own. */
export const AUTO_ROLLBACK_REQUESTER = 'system:monitor';

export interface RollbackTarget {
  railwayDeploymentId: string;
  railwayServiceId: string;
  environmentId: string;
}

/**
 * Where a failed deployment should be rolled back to: only a REDEPLOY the instance is waiting on,
 * to its last good deployment, and only when Railway says `canRollback` (one read).
 */
export async function rollbackTargetFor(
  deps: WorkerDeps,
  row: MonitoredDeployment,
): Promise<RollbackTarget | undefined> {
  const { instance } = row;
  if (row.kind !== 'REDEPLOY' || instance.status !== 'DEPLOYING') return undefined;
  if (instance.currentDeploymentId !== row.id || instance.lastGoodDeploymentId === null) {
    return undefined;
  }
  const lastGood = await findDeployment(deps.db, instance.lastGoodDeploymentId);
  return checkedTarget(deps, row, lastGood);
}

/** A ROLLBACK row of ours that has no Railway deployment yet: find the target again. */
export async function resumeTargetFor(
  deps: WorkerDeps,
  row: MonitoredDeployment,
): Promise<RollbackTarget | undefined> {
  const target = await findRollbackTarget(deps.db, {
    instanceId: row.instanceId,
    rollbackDeploymentId: row.id,
  });
  return target && targetOf(row, target);
}

async function checkedTarget(
  deps: WorkerDeps,
  row: MonitoredDeployment,
  lastGood: Deployment | undefined,
): Promise<RollbackTarget | undefined> {
  const target = lastGood && targetOf(row, lastGood);
  if (!target) return undefined;
  try {
    const railway = await deps.railway.getDeployment(target.railwayDeploymentId);
    return railway.canRollback ? target : undefined;
  } catch (error) {
    deps.logger.warn(
      { err: error, deploymentId: row.id },
      'monitor: could not ask Railway about a rollback',
    );
    return undefined;
  }
}

type Deployment = NonNullable<Awaited<ReturnType<typeof findDeployment>>>;

function targetOf(row: MonitoredDeployment, lastGood: Deployment): RollbackTarget | undefined {
  const serviceId = lastGood.railway_service_id ?? row.railwayServiceId;
  const environmentId = row.instance.railwayEnvironmentId;
  if (!lastGood.railway_deployment_id || !serviceId || !environmentId) return undefined;
  return {
    railwayDeploymentId: lastGood.railway_deployment_id,
    railwayServiceId: serviceId,
    environmentId,
  };
}

/**
 * Asks Railway to roll back and records the deployment it started on the ROLLBACK row (the
 * monitor watches it from then on) and tells the user. `lookFirst`: an earlier run may have asked
 * already, so an existing rollback deployment is adopted instead of starting a second one.
 */
export async function startRollback(
  deps: WorkerDeps,
  input: { rollback: MonitoredDeployment; target: RollbackTarget; lookFirst: boolean },
): Promise<void> {
  const { rollback, target } = input;
  let started = input.lookFirst ? await findStarted(deps, rollback, target) : undefined;
  if (!started) {
    try {
      await deps.railway.rollback(target.railwayDeploymentId);
    } catch (error) {
      if (!(error instanceof RoundhouseError && error.mayHaveBeenApplied)) {
        await refuseRollback(deps, rollback, error);
        return;
      }
    }
    started = await findStarted(deps, rollback, target);
  }
  if (!started) {
    // Asked, but not listed yet: the next poll looks again (lookFirst) before asking twice.
    deps.logger.warn({ deploymentId: rollback.id }, 'monitor: rollback deployment not found yet');
    return;
  }
  const now = deps.now();
  const railwayDeploymentId = started.id;
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockInflightDeployment(trx, rollback.id);
    if (!row || row.railway_deployment_id !== null) return;
    await recordRailwayDeployment(trx, {
      deploymentId: rollback.id,
      railwayDeploymentId,
      railwayServiceId: target.railwayServiceId,
      now,
    });
    await notify(trx, {
      userId: rollback.instance.userId,
      type: 'deployment.rolled_back',
      title: 'Redeploy failed; rolled back',
      body:
        `${rollback.instance.name}: the redeploy failed, so Roundhouse rolled back to the last ` +
        'deployment that worked. You will be told when it is running again.',
      data: { instanceId: rollback.instanceId, deploymentId: rollback.id },
    });
  });
}

/** Railway's newest deployment of the service that rolls back to `target` and is not ours yet. */
async function findStarted(
  deps: WorkerDeps,
  rollback: MonitoredDeployment,
  target: RollbackTarget,
): Promise<RailwayDeployment | undefined> {
  const [listed, known] = await Promise.all([
    deps.railway.listDeployments(target.railwayServiceId, target.environmentId, 10),
    knownRailwayDeploymentIds(deps.db, rollback.instanceId),
  ]);
  const notOurs = listed.filter((deployment) => !known.has(deployment.id));
  const byMeta = notOurs.find(
    (deployment) => metaOf(deployment).rollbackTargetDeploymentId === target.railwayDeploymentId,
  );
  // Without that hint (not every Railway answer carries it): the newest one since we asked.
  const since = rollback.queuedAt.getTime() - 60_000;
  return byMeta ?? notOurs.find((deployment) => new Date(deployment.createdAt).getTime() >= since);
}

function metaOf(deployment: RailwayDeployment): { rollbackTargetDeploymentId?: unknown } {
  const meta: unknown = deployment.meta;
  return typeof meta === 'object' && meta !== null ? meta : {};
}

/** Railway refused: the ROLLBACK row fails, the instance is DEGRADED (nothing better serves). */
async function refuseRollback(
  deps: WorkerDeps,
  rollback: MonitoredDeployment,
  error: unknown,
): Promise<void> {
  const errorClass = error instanceof RoundhouseError ? error.errorClass : 'UNKNOWN';
  await deps.db.transaction().execute(async (trx) => {
    const deployment = await lockInflightDeployment(trx, rollback.id);
    if (!deployment) return;
    await fail(trx, {
      row: rollback,
      deployment,
      failure: { status: 'FAILED', errorClass, summary: 'Railway refused the automatic rollback.' },
      now: deps.now(),
    });
  });
}
