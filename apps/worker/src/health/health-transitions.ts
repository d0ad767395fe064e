import type { ErrorClass } from '@roundhouse/core';
import { type HealthTarget, moveInstanceIf } from '@roundhouse/db/repositories/health';
import type { Deployment as RailwayDeployment } from '@roundhouse/railway-sdk';
import type { WorkerDeps } from '../deps';
import { notify, notifyAdmins } from '../notifications/notify';
import type { ProbeResult } from './probe';

export interface CheckedInstance {
  target: HealthTarget;
  probe: ProbeResult;
}

/** Why a RUNNING instance stopped answering, from its deployment's status on Railway. */
export type HealthClassification = 'crashed' | 'sleeping' | 'unreachable' | 'unknown';

export function classify(deployment: RailwayDeployment | null | undefined): HealthClassification {
  switch (deployment?.status) {
    case 'CRASHED':
      return 'crashed';
    case 'SLEEPING':
      return 'sleeping';
    case 'SUCCESS':
      return 'unreachable';
    default:
      return 'unknown';
  }
}

/**
 * Instances that just reached MONITOR_ALERT_THRESHOLD failed checks while RUNNING: Railway is
 * asked once about all of them (one batched status request), each is classified and moved to
 * FAILED (crashed) or DEGRADED, and the user and the admins are alerted. The alert goes with the
 * status change, so it is sent once per episode, not on every later failed check. Returns how
 * many were moved.
 */
export async function alertUnhealthy(
  deps: WorkerDeps,
  instances: readonly CheckedInstance[],
): Promise<number> {
  if (instances.length === 0) return 0;
  const ids = instances.flatMap(({ target }) => target.railwayDeploymentId ?? []);
  let statuses: Map<string, RailwayDeployment | null> = new Map();
  try {
    if (ids.length > 0) statuses = await deps.railway.getDeploymentStatuses(ids);
  } catch (error) {
    deps.logger.warn({ err: error }, 'health: could not ask Railway about failing instances');
  }
  let moved = 0;
  for (const { target, probe } of instances) {
    const railway = target.railwayDeploymentId ? statuses.get(target.railwayDeploymentId) : null;
    const classification = classify(railway);
    const { summary, errorClass } = describe(classification, probe);
    const to = classification === 'crashed' ? 'FAILED' : 'DEGRADED';
    const changed = await deps.db.transaction().execute(async (trx) => {
      const instance = await moveInstanceIf(trx, {
        instanceId: target.id,
        from: ['RUNNING'],
        to,
        extra: {
          status_reason: summary,
          error_class: errorClass,
          error_message: summary,
          last_health: { ...probe, classification, railwayStatus: railway?.status ?? null },
        },
      });
      if (!instance) return false;
      const alert = {
        type: to === 'FAILED' ? 'instance.failed' : 'instance.degraded',
        title: to === 'FAILED' ? 'Instance is down' : 'Instance is not answering',
        body: `${instance.name}: ${summary} (${instance.health_failures} failed checks in a row)`,
        data: { instanceId: instance.id, status: to, classification },
      };
      await notify(trx, { userId: instance.user_id, ...alert });
      await notifyAdmins(trx, alert);
      return true;
    });
    if (changed) moved++;
  }
  return moved;
}

/** DEGRADED instances that answer again: RUNNING, and the user and admins are told. */
export async function announceRecovery(
  deps: WorkerDeps,
  instances: readonly CheckedInstance[],
): Promise<number> {
  let recovered = 0;
  for (const { target } of instances) {
    const changed = await deps.db.transaction().execute(async (trx) => {
      const instance = await moveInstanceIf(trx, {
        instanceId: target.id,
        from: ['DEGRADED'],
        to: 'RUNNING',
        extra: { status_reason: null, error_class: null, error_message: null },
      });
      if (!instance) return false;
      const message = {
        type: 'instance.recovered',
        title: 'Instance recovered',
        body: `${instance.name} answers its health check again.`,
        data: { instanceId: instance.id, status: 'RUNNING' },
      };
      await notify(trx, { userId: instance.user_id, ...message });
      await notifyAdmins(trx, message);
      return true;
    });
    if (changed) recovered++;
  }
  return recovered;
}

function describe(
  classification: HealthClassification,
  probe: ProbeResult,
): { summary: string; errorClass: ErrorClass } {
  const why = probe.error ?? 'no healthy answer';
  switch (classification) {
    case 'crashed':
      return {
        summary: 'The app crashed: Railway reports its deployment CRASHED.',
        errorClass: 'RESOURCE',
      };
    case 'sleeping':
      return {
        summary: `The app is sleeping on Railway and does not answer its health check (${why}).`,
        errorClass: probe.errorClass ?? 'RESOURCE',
      };
    case 'unreachable':
      return {
        summary: `Railway reports the app running, but it does not answer its health check (${why}).`,
        errorClass: probe.errorClass ?? 'NETWORK',
      };
    case 'unknown':
      return {
        summary: `The app does not answer its health check (${why}).`,
        errorClass: probe.errorClass ?? 'UNKNOWN',
      };
  }
}
