import type { DeploymentSummary } from '@roundhouse/db/repositories/deployments';
import type { LogLine, LogPage } from '@roundhouse/db/repositories/deployment-logs';
import type { InstanceActionResult } from '@roundhouse/db/repositories/instance-actions';
import type { InstanceWithDeployment } from '@roundhouse/db/repositories/instances';

/**
 * What callers see of instances and deployments. Railway ids, the saga checkpoint and log
 * cursors stay internal; log messages were redacted by the worker before they were stored.
 */

export function deploymentDto(d: DeploymentSummary) {
  return {
    id: d.id,
    kind: d.kind,
    status: d.status,
    progress: d.progress,
    attempt: d.attempt,
    queuedAt: d.queued_at,
    buildingAt: d.building_at,
    deployingAt: d.deploying_at,
    healthCheckAt: d.health_check_at,
    finishedAt: d.finished_at,
    errorClass: d.error_class,
    errorMessage: d.error_message,
    createdAt: d.created_at,
  };
}

/** The few fields a list row or a status poll needs of the current deployment. */
function deploymentBrief(d: DeploymentSummary | null) {
  return d && { id: d.id, kind: d.kind, status: d.status, progress: d.progress };
}

export function instanceListItemDto({ instance: i, currentDeployment }: InstanceWithDeployment) {
  return {
    id: i.id,
    name: i.name,
    subscriptionId: i.subscription_id,
    status: i.status,
    statusReason: i.status_reason,
    domain: i.domain,
    publicUrl: i.public_url,
    errorClass: i.error_class,
    healthFailures: i.health_failures,
    lastHealthAt: i.last_health_at,
    createdAt: i.created_at,
    updatedAt: i.updated_at,
    currentDeployment: deploymentBrief(currentDeployment),
  };
}

export function instanceDetailDto(row: InstanceWithDeployment) {
  const { instance: i, currentDeployment } = row;
  return {
    ...instanceListItemDto(row),
    errorMessage: i.error_message,
    provisionedAt: i.provisioned_at,
    suspendedAt: i.suspended_at,
    deletedAt: i.deleted_at,
    lastGoodDeploymentId: i.last_good_deployment_id,
    lastHealth: { at: i.last_health_at, failures: i.health_failures, result: i.last_health },
    currentDeployment: currentDeployment && deploymentDto(currentDeployment),
  };
}

export function instanceStatusDto({ instance: i, currentDeployment }: InstanceWithDeployment) {
  return {
    id: i.id,
    status: i.status,
    statusReason: i.status_reason,
    updatedAt: i.updated_at,
    deployment: deploymentBrief(currentDeployment),
  };
}

/** Phases in the order a deployment passes them, with the column stamping each one's start. */
const PHASES = [
  ['QUEUED', 'queued_at'],
  ['BUILDING', 'building_at'],
  ['DEPLOYING', 'deploying_at'],
  ['HEALTH_CHECK', 'health_check_at'],
] as const;

export function instanceProgressDto({ instance: i, currentDeployment: d }: InstanceWithDeployment) {
  return {
    instanceId: i.id,
    instanceStatus: i.status,
    deployment: d && {
      id: d.id,
      kind: d.kind,
      status: d.status,
      progress: d.progress,
      phase: phaseOf(d),
      phases: {
        queuedAt: d.queued_at,
        buildingAt: d.building_at,
        deployingAt: d.deploying_at,
        healthCheckAt: d.health_check_at,
        finishedAt: d.finished_at,
      },
      errorClass: d.error_class,
      errorMessage: d.error_message,
    },
  };
}

/**
 * The phase the bar is in. For a deployment that ended badly, the phase it got to (where it
 * failed), so the UI can mark that step red; otherwise its status.
 */
function phaseOf(d: DeploymentSummary) {
  if (d.status === 'SUCCEEDED' || PHASES.some(([phase]) => phase === d.status)) return d.status;
  const reached = PHASES.filter(([, column]) => d[column] !== null).at(-1);
  return reached?.[0] ?? 'QUEUED';
}

export function logLineDto(line: LogLine) {
  return {
    seq: line.seq,
    ts: line.ts,
    stream: line.stream,
    severity: line.severity,
    message: line.message,
  };
}

export function logPageDto(deploymentId: string, page: LogPage) {
  return {
    deploymentId,
    deploymentStatus: page.deploymentStatus,
    lines: page.lines.map(logLineDto),
    nextSeq: page.nextSeq,
    hasMore: page.hasMore,
    finished: page.finished,
  };
}

export function actionResultDto({ instance: i, deployment }: InstanceActionResult) {
  return {
    instance: {
      id: i.id,
      status: i.status,
      statusReason: i.status_reason,
      currentDeploymentId: i.current_deployment_id,
      updatedAt: i.updated_at,
    },
    deployment: deployment && deploymentDto(deployment),
  };
}
