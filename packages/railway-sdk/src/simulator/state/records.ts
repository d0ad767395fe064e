/** The simulator's in-memory rows. Times are epoch milliseconds on the simulator clock. */

export interface PhaseMs {
  initializing: number;
  queued: number;
  building: number;
  deploying: number;
  /** How long a deployment planned to crash stays up after reaching SUCCESS. */
  crashAfter: number;
}

export type DeploymentResult = 'success' | 'build-failure' | 'crash';

/** What will happen to a deployment, fixed when it is created. */
export interface DeploymentPlan {
  result: DeploymentResult;
  /** Running, but its health check answers 503. */
  unhealthy: boolean;
  phaseMs: PhaseMs;
}

export interface ServiceSource {
  image: string | null;
  repo: string | null;
}

/** Service instance settings we model (a subset of ServiceInstanceUpdateInput). */
export interface InstanceConfig {
  builder: 'HEROKU' | 'NIXPACKS' | 'PAKETO' | 'RAILPACK';
  buildCommand: string | null;
  startCommand: string | null;
  preDeployCommand: string[] | null;
  rootDirectory: string | null;
  dockerfilePath: string | null;
  healthcheckPath: string | null;
  healthcheckTimeout: number | null;
  numReplicas: number;
  region: string;
  restartPolicyType: 'ALWAYS' | 'NEVER' | 'ON_FAILURE';
  restartPolicyMaxRetries: number;
  sleepApplication: boolean;
  cronSchedule: string | null;
  watchPatterns: string[];
  railwayConfigFile: string | null;
}

export interface WorkspaceRec {
  id: string;
  name: string;
}

export interface ProjectRec {
  id: string;
  name: string;
  description: string | null;
  workspaceId: string;
  createdAt: number;
  updatedAt: number;
  environmentIds: string[];
  serviceIds: string[];
}

export interface EnvironmentRec {
  id: string;
  name: string;
  projectId: string;
  createdAt: number;
  updatedAt: number;
}

export interface ServiceRec {
  id: string;
  name: string;
  projectId: string;
  createdAt: number;
  updatedAt: number;
}

export interface InstanceRec {
  id: string;
  serviceId: string;
  environmentId: string;
  source: ServiceSource | null;
  config: InstanceConfig;
  createdAt: number;
  updatedAt: number;
  /** Oldest first; a deployment's `seq` is its index here. */
  deploymentIds: string[];
}

export interface DomainRec {
  id: string;
  domain: string;
  serviceId: string;
  environmentId: string;
  projectId: string;
  targetPort: number | null;
  createdAt: number;
}

export type DeploymentReason = 'deploy' | 'redeploy' | 'rollback' | 'variables';

/** A restart or a stop of a deployment's containers, in time order. */
export interface RunEvent {
  kind: 'restart' | 'stop';
  at: number;
}

export interface DeploymentRec {
  id: string;
  projectId: string;
  environmentId: string;
  serviceId: string;
  instanceKey: string;
  seq: number;
  /** The container replica's id (Log tags carry it). */
  replicaId: string;
  createdAt: number;
  reason: DeploymentReason;
  source: ServiceSource;
  config: InstanceConfig;
  /** Rendered variables the deployment started with (its containers see these). */
  variables: Record<string, string>;
  plan: DeploymentPlan;
  /** A rollback reuses the retained image: no build phase. */
  skipsBuild: boolean;
  imageDigest: string;
  rollbackOf: string | null;
  redeployOf: string | null;
  cancelledAt: number | null;
  runEvents: RunEvent[];
}

export function instanceKey(serviceId: string, environmentId: string): string {
  return `${serviceId}:${environmentId}`;
}
