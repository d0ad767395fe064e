import type { DeploymentStatus } from '../enums';
import { defineStateMachine } from './state-machine';

export const deploymentStatusMachine = defineStateMachine<DeploymentStatus>('deployment', {
  // Railway may skip the build (image source) and go straight to DEPLOYING.
  QUEUED: ['BUILDING', 'DEPLOYING', 'CANCELED', 'FAILED', 'TIMED_OUT'],
  BUILDING: ['DEPLOYING', 'FAILED', 'CANCELED', 'TIMED_OUT'],
  // Railway said SUCCESS → our HEALTH_CHECK; a container that dies on start → CRASHED.
  DEPLOYING: ['HEALTH_CHECK', 'FAILED', 'CRASHED', 'CANCELED', 'TIMED_OUT'],
  // Only our own health check makes it SUCCEEDED; too late to cancel, Railway already switched.
  HEALTH_CHECK: ['SUCCEEDED', 'FAILED', 'CRASHED', 'TIMED_OUT'],
  // A deployment that passed can still crash later.
  SUCCEEDED: ['CRASHED'],
  FAILED: [],
  CRASHED: [],
  CANCELED: [],
  TIMED_OUT: [],
});
