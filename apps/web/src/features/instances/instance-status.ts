import {
  INFLIGHT_DEPLOYMENT_STATUSES,
  type DeploymentStatus,
  type InstanceStatus,
} from '@roundhouse/core';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

const INSTANCE_TONES: Record<InstanceStatus, Tone> = {
  PROVISIONING: 'info',
  DEPLOYING: 'info',
  RUNNING: 'success',
  DEGRADED: 'warning',
  FAILED: 'danger',
  SUSPENDED: 'warning',
  DELETING: 'neutral',
  DELETED: 'neutral',
};

const DEPLOYMENT_TONES: Record<DeploymentStatus, Tone> = {
  QUEUED: 'neutral',
  BUILDING: 'info',
  DEPLOYING: 'info',
  HEALTH_CHECK: 'info',
  SUCCEEDED: 'success',
  FAILED: 'danger',
  CRASHED: 'danger',
  CANCELED: 'neutral',
  TIMED_OUT: 'danger',
};

export const instanceTone = (status: InstanceStatus): Tone => INSTANCE_TONES[status];
export const deploymentTone = (status: DeploymentStatus): Tone => DEPLOYMENT_TONES[status];

export function isDeploymentInflight(status: DeploymentStatus | null | undefined): boolean {
  return (INFLIGHT_DEPLOYMENT_STATUSES as readonly string[]).includes(status ?? '');
}

/** Instance states the worker is still moving on by itself (nothing for the user to do). */
const TRANSIENT_INSTANCE: readonly InstanceStatus[] = ['PROVISIONING', 'DEPLOYING', 'DELETING'];

/** Whether the page should keep polling: something is changing without the user acting. */
export function isInstanceBusy(
  status: InstanceStatus,
  deploymentStatus: DeploymentStatus | null | undefined,
): boolean {
  return TRANSIENT_INSTANCE.includes(status) || isDeploymentInflight(deploymentStatus);
}

/** Poll interval while busy (the brief: every 2–3 s, only while needed). */
export const BUSY_POLL_MS = 2_500;

/** A react-query `refetchInterval` value: poll while busy, stop once settled. */
export function pollWhileBusy(busy: boolean): number | false {
  return busy ? BUSY_POLL_MS : false;
}
