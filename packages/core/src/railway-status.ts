import type { DeploymentStatus } from './enums';
import { ResourceError } from './errors';
import { deploymentStatusMachine } from './status/deployment-status';

/** Railway's `DeploymentStatus` enum (public GraphQL schema). */
export const RAILWAY_DEPLOYMENT_STATUSES = [
  'INITIALIZING',
  'QUEUED',
  'WAITING',
  'BUILDING',
  'DEPLOYING',
  'SUCCESS',
  'FAILED',
  'CRASHED',
  'REMOVING',
  'REMOVED',
  'SKIPPED',
  'NEEDS_APPROVAL',
  'SLEEPING',
] as const;
export type RailwayDeploymentStatus = (typeof RAILWAY_DEPLOYMENT_STATUSES)[number];

export interface RailwayStatusMapping {
  status: DeploymentStatus;
  /** Our status is final: stop polling Railway for this deployment. */
  terminal: boolean;
}

const OURS: Readonly<Record<RailwayDeploymentStatus, DeploymentStatus>> = Object.freeze({
  INITIALIZING: 'QUEUED',
  QUEUED: 'QUEUED',
  // Waiting on another deployment or a dependency; nothing of ours has started.
  WAITING: 'QUEUED',
  // Held for a human approval on Railway; the deployment timeout reaps it if nobody approves.
  NEEDS_APPROVAL: 'QUEUED',
  BUILDING: 'BUILDING',
  DEPLOYING: 'DEPLOYING',
  // Railway is done, but we only call it SUCCEEDED after our own health check.
  SUCCESS: 'HEALTH_CHECK',
  // A serverless service that went to sleep after deploying: the health check wakes it up.
  SLEEPING: 'HEALTH_CHECK',
  FAILED: 'FAILED',
  CRASHED: 'CRASHED',
  // Superseded by a newer deployment, or skipped by Railway: this one will never run.
  REMOVING: 'CANCELED',
  REMOVED: 'CANCELED',
  SKIPPED: 'CANCELED',
});

export function isRailwayDeploymentStatus(value: unknown): value is RailwayDeploymentStatus {
  return typeof value === 'string' && Object.hasOwn(OURS, value);
}

/**
 * Our deployment status for what Railway reports. A value Railway added after this code was
 * written throws ResourceError INVALID, so the monitor logs it and keeps polling rather than
 * guessing an outcome.
 */
export function mapRailwayDeploymentStatus(status: string): RailwayStatusMapping {
  if (!isRailwayDeploymentStatus(status)) {
    throw new ResourceError(`Unknown Railway deployment status ${JSON.stringify(status)}`, {
      reason: 'INVALID',
      details: { railwayStatus: status },
    });
  }
  const ours = OURS[status];
  return { status: ours, terminal: deploymentStatusMachine.isTerminal(ours) };
}
