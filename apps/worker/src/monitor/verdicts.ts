import type { DeploymentKind, ErrorClass, SubscriptionStatus } from '@roundhouse/core';
import type { Database, Deployment, Instance } from '@roundhouse/db';
import {
  appendSystemLog,
  concludeDeployment,
  lastLogLines,
  type MonitoredDeployment,
  settleInstance,
} from '@roundhouse/db/repositories/monitor';
import type { Transaction } from 'kysely';
import { suspendIfUnpaid } from '../billing/unpaid-instance';
import type { ProbeResult } from '../health/probe';
import { notify, notifyAdmins } from '../notifications/notify';

/**
 * The final word on a deployment: its row, the instance it was deploying, and what the user (and
 * for timeouts the admins) are told, in one transaction with the row locked by the caller.
 * Everything written here is our own text or log lines that were redacted before they were
 * stored, so no secret reaches an error message or a notification.
 */

type Trx = Transaction<Database>;

const KIND_LABEL: Readonly<Record<DeploymentKind, string>> = {
  CLONE: 'Deployment',
  REDEPLOY: 'Redeploy',
  RESTART: 'Restart',
  ROLLBACK: 'Rollback',
  VARIABLES: 'Configuration update',
};

/** Lines of the log quoted in a failure message. */
const QUOTED_LINES = 5;

/**
 * Returns the status of a subscription that no longer pays for the instance now RUNNING (its
 * suspension was enqueued, see suspendIfUnpaid), else null.
 */
export async function succeed(
  trx: Trx,
  input: { row: MonitoredDeployment; deployment: Deployment; probe: ProbeResult | null; now: Date },
): Promise<SubscriptionStatus | null> {
  const { row, deployment, probe, now } = input;
  const done = await concludeDeployment(trx, { deployment, status: 'SUCCEEDED', now });
  const checked = probe
    ? `Health check GET ${probe.path} answered ${probe.status} in ${probe.latencyMs} ms` +
      (probe.smoke ? `; GET / answered ${probe.smoke.status}` : '')
    : 'No public URL to check; Railway reported the deployment healthy';
  await appendSystemLog(trx, {
    deployment: done,
    line: { ts: now, severity: 'info', message: `${checked}. Deployment succeeded.` },
  });
  const instance = await settleInstance(trx, {
    instanceId: row.instanceId,
    deploymentId: row.id,
    to: 'RUNNING',
    extra: {
      last_good_deployment_id: row.id,
      status_reason: null,
      error_class: null,
      error_message: null,
      health_failures: 0,
      ...(probe && { last_health: { ...probe }, last_health_at: now }),
    },
  });
  if (!instance) return null;
  const url = instance.public_url ? ` at ${instance.public_url}` : '';
  await notify(trx, {
    userId: instance.user_id,
    ...(row.kind === 'CLONE'
      ? { type: 'instance.running', title: 'Your instance is running' }
      : { type: 'deployment.succeeded', title: `${KIND_LABEL[row.kind]} succeeded` }),
    body: `${instance.name} is running${url}.`,
    data: { instanceId: instance.id, deploymentId: row.id, kind: row.kind },
  });
  return suspendIfUnpaid(trx, instance);
}

export interface Failure {
  status: 'FAILED' | 'CRASHED' | 'TIMED_OUT' | 'CANCELED';
  /** None for CANCELED: nothing went wrong, something else took the deployment's place. */
  errorClass?: ErrorClass;
  /** What happened, in our words (no secrets). */
  summary: string;
}

/**
 * A deployment that ended without success. The instance goes FAILED, or DEGRADED when an
 * earlier deployment succeeded (Railway keeps the previous one serving until a new one is
 * healthy) — unless `rollingBack`: then the caller records a rollback that becomes the
 * instance's current deployment, and the instance stays DEPLOYING.
 */
export async function fail(
  trx: Trx,
  input: {
    row: MonitoredDeployment;
    deployment: Deployment;
    failure: Failure;
    now: Date;
    rollingBack?: boolean;
    alertAdmins?: boolean;
  },
): Promise<Instance | undefined> {
  const { row, deployment, failure, now } = input;
  const lines = await lastLogLines(trx, { deploymentId: deployment.id, count: QUOTED_LINES });
  const message =
    lines.length > 0 ? `${failure.summary}\nLast log lines:\n${lines.join('\n')}` : failure.summary;
  const done = await concludeDeployment(trx, {
    deployment,
    status: failure.status,
    now,
    ...(failure.errorClass && { errorClass: failure.errorClass, errorMessage: message }),
  });
  await appendSystemLog(trx, {
    deployment: done,
    line: {
      ts: now,
      severity: failure.status === 'CANCELED' ? 'info' : 'error',
      message: failure.summary,
    },
  });
  if (input.rollingBack) return undefined;

  const keepsServing = row.instance.lastGoodDeploymentId !== null;
  const instance = await settleInstance(trx, {
    instanceId: row.instanceId,
    deploymentId: row.id,
    // A superseded or canceled deployment changed nothing: the previous one still serves.
    to: keepsServing ? (failure.status === 'CANCELED' ? 'RUNNING' : 'DEGRADED') : 'FAILED',
    extra:
      failure.status === 'CANCELED'
        ? { status_reason: failure.summary }
        : {
            status_reason: failure.summary,
            error_class: failure.errorClass ?? 'UNKNOWN',
            error_message: message,
          },
  });
  if (!instance || failure.status === 'CANCELED') return instance;

  const outcome = keepsServing
    ? 'Your previous deployment keeps serving.'
    : 'The instance is not running; redeploy it once the cause is fixed.';
  const notification = {
    type: failure.status === 'TIMED_OUT' ? 'deployment.timed_out' : 'deployment.failed',
    title:
      failure.status === 'TIMED_OUT'
        ? `${KIND_LABEL[row.kind]} timed out`
        : `${KIND_LABEL[row.kind]} failed`,
    body: `${instance.name}: ${failure.summary} ${outcome}`,
    data: {
      instanceId: instance.id,
      deploymentId: row.id,
      kind: row.kind,
      status: failure.status,
      errorClass: failure.errorClass,
    },
  };
  await notify(trx, { userId: instance.user_id, ...notification });
  if (input.alertAdmins) await notifyAdmins(trx, notification);
  return instance;
}
