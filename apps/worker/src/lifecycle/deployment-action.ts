import { type DeploymentKind, type RoundhouseError, toRoundhouseError } from '@roundhouse/core';
import type { Deployment, Instance } from '@roundhouse/db';
import {
  closeDeployment,
  findDeployment,
  findInstance,
  knownRailwayDeploymentIds,
  moveInstance,
  recordRailwayDeployment,
} from '@roundhouse/db/repositories/worker-instances';
import type { TaskContext } from '../define-task';
import { notify } from '../notifications/notify';
import { isFinalFailure } from '../saga/attempts';
import { adminHint, describeError, redactError } from '../saga/failure-message';
import { instanceRedactor } from '../saga/instance-variables';
import { type RailwayTarget, railwayTarget } from './railway-target';

export interface ActionStart {
  ctx: TaskContext;
  instance: Instance;
  deployment: Deployment;
  target: RailwayTarget;
  /** Railway deployment ids our rows account for (what is not in here is new). */
  known: ReadonlySet<string>;
  /** A retry: an earlier attempt may have started the deployment already. */
  lookFirst: boolean;
}

/** A lifecycle action the api recorded as a QUEUED deployments row and the worker carries out. */
export interface DeploymentAction {
  /** The kind of row it carries out (a row of another kind is not its business). */
  kind: DeploymentKind;
  /** For messages: "redeploy", "restart", … */
  verb: string;
  /** Does it on Railway; returns the Railway deployment the row follows from now on. */
  start(input: ActionStart): Promise<{ railwayDeploymentId: string; takeOver?: boolean }>;
}

/**
 * Runs `action` for the row `deploymentId` (call it holding the instance lock). The api already
 * moved the instance to DEPLOYING with this row as its current deployment. Once Railway started
 * the deployment its id is recorded on the row with a first heartbeat, and the monitor takes
 * over. A row that is no longer QUEUED (done by an earlier attempt, canceled) is left alone; a
 * row whose instance moved on (deleted, suspended, superseded) is canceled untouched on Railway.
 * A final failure closes the row FAILED and puts the instance back: RUNNING when it still has its
 * last good deployment, FAILED otherwise.
 */
export async function performDeploymentAction(
  ctx: TaskContext,
  ids: { instanceId: string; deploymentId: string },
  action: DeploymentAction,
): Promise<void> {
  const [instance, deployment] = await Promise.all([
    findInstance(ctx.db, ids.instanceId),
    findDeployment(ctx.db, ids.deploymentId),
  ]);
  const log = { ...ids, action: action.verb };
  if (!instance || deployment?.instance_id !== instance.id || deployment.kind !== action.kind) {
    ctx.logger.warn(log, `lifecycle: no ${action.kind} deployment of this instance; nothing to do`);
    return;
  }
  if (deployment.status !== 'QUEUED' || deployment.railway_deployment_id !== null) {
    ctx.logger.info({ ...log, status: deployment.status }, 'lifecycle: already started or closed');
    return;
  }
  const current = instance.current_deployment_id;
  if (instance.status !== 'DEPLOYING' || (current !== null && current !== deployment.id)) {
    await ctx.db.transaction().execute((trx) =>
      closeDeployment(trx, {
        deploymentId: deployment.id,
        status: 'CANCELED',
        now: ctx.now(),
        errorMessage: `Not started: the instance is ${instance.status} and no longer waiting for this ${action.verb}`,
      }),
    );
    return;
  }

  let started: Awaited<ReturnType<DeploymentAction['start']>>;
  try {
    const target = railwayTarget(instance);
    const known = await knownRailwayDeploymentIds(ctx.db, instance.id);
    started = await action.start({
      ctx,
      instance,
      deployment,
      target,
      known,
      lookFirst: ctx.attempt > 1,
    });
  } catch (thrown) {
    const error = toRoundhouseError(thrown);
    const redactor = await instanceRedactor(ctx, instance);
    if (!isFinalFailure(ctx, error)) throw redactError(error, redactor);
    await failAction(ctx, {
      instance,
      deployment,
      action,
      message: failureMessage(action, error, redactor),
      error,
    });
    return;
  }
  await ctx.db.transaction().execute((trx) =>
    recordRailwayDeployment(trx, {
      deploymentId: deployment.id,
      railwayDeploymentId: started.railwayDeploymentId,
      railwayServiceId: railwayTarget(instance).serviceId,
      now: ctx.now(),
      ...(started.takeOver && { takeOver: true }),
    }),
  );
  ctx.logger.info(
    { ...log, railwayDeploymentId: started.railwayDeploymentId },
    'lifecycle: started',
  );
}

function failureMessage(
  action: DeploymentAction,
  error: RoundhouseError,
  redactor: (text: string) => string,
): string {
  const what = `The ${action.verb} could not be started: ${describeError(error, redactor)}.`;
  // A refusal of the request itself (nothing to roll back to, nothing running) says it all.
  const refused = error.reason === 'ILLEGAL_TRANSITION' || error.reason === 'INVALID';
  return refused ? what : `${what} ${adminHint(error.errorClass)}`;
}

async function failAction(
  ctx: TaskContext,
  input: {
    instance: Instance;
    deployment: Deployment;
    action: DeploymentAction;
    message: string;
    error: RoundhouseError;
  },
): Promise<void> {
  const { instance, deployment, action, message, error } = input;
  await ctx.db.transaction().execute(async (trx) => {
    await closeDeployment(trx, {
      deploymentId: deployment.id,
      status: 'FAILED',
      now: ctx.now(),
      errorClass: error.errorClass,
      errorMessage: message,
    });
    // The deployment serving before the request is untouched by a failure to start a new one.
    await moveInstance(trx, instance.id, instance.last_good_deployment_id ? 'RUNNING' : 'FAILED', {
      status_reason: message,
    });
    await notify(trx, {
      userId: instance.user_id,
      type: 'deployment.failed',
      title: `Your ${action.verb} did not start`,
      body: message,
      data: { instanceId: instance.id, deploymentId: deployment.id, errorClass: error.errorClass },
    });
  });
  ctx.logger.warn(
    { instanceId: instance.id, deploymentId: deployment.id, errorClass: error.errorClass },
    `lifecycle: ${action.verb} failed`,
  );
}
