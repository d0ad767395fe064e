import { INFLIGHT_DEPLOYMENT_STATUSES, type DeploymentStatus } from '@roundhouse/core';
import type { ProgressDeployment } from '../instances/deployment-phases';

/** A deployment as admin.instances.detail lists it (the fields the phase view needs). */
export interface AdminDeploymentTimes {
  status: DeploymentStatus;
  progress: number;
  queuedAt: Date | null;
  buildingAt: Date | null;
  deployingAt: Date | null;
  healthCheckAt: Date | null;
  finishedAt: Date | null;
}

/**
 * The instances area's phase-stepper input for an admin deployment row: an in-flight one is in
 * its status' phase; one that ended badly failed in the last phase it had reached.
 */
export function toProgressDeployment(d: AdminDeploymentTimes): ProgressDeployment {
  const reached: DeploymentStatus = d.healthCheckAt
    ? 'HEALTH_CHECK'
    : d.deployingAt
      ? 'DEPLOYING'
      : d.buildingAt
        ? 'BUILDING'
        : 'QUEUED';
  const inflight = (INFLIGHT_DEPLOYMENT_STATUSES as readonly string[]).includes(d.status);
  return {
    status: d.status,
    progress: d.progress,
    phase: inflight || d.status === 'SUCCEEDED' ? d.status : reached,
    phases: {
      queuedAt: d.queuedAt,
      buildingAt: d.buildingAt,
      deployingAt: d.deployingAt,
      healthCheckAt: d.healthCheckAt,
      finishedAt: d.finishedAt,
    },
  };
}
