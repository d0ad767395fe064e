/** Starting deployments and the lifecycle mutations Railway offers on them. */
import { IN_PROGRESS } from './deployment-status';
import {
  instanceKey,
  type DeploymentReason,
  type DeploymentRec,
  type InstanceConfig,
  type ServiceSource,
} from './records';
import type { Store } from './store';
import { renderedVariables } from './variables';

interface StartOptions {
  source?: ServiceSource;
  config?: InstanceConfig;
  variables?: Record<string, string>;
  rollbackOf?: DeploymentRec;
  redeployOf?: DeploymentRec;
  /** Back-dates the deployment (seeded templates start out already deployed). */
  createdAt?: number;
}

export function startDeployment(
  store: Store,
  serviceId: string,
  environmentId: string,
  reason: DeploymentReason,
  options: StartOptions = {},
): DeploymentRec {
  const service = store.services.get(serviceId);
  const instance = store.instance(serviceId, environmentId);
  const project = service && store.projects.get(service.projectId);
  if (!service || !instance || !project) throw new Error('ServiceInstance not found');
  const source = options.source ?? instance.source;
  if (!source) throw new Error('Service has no source to deploy');
  const rollbackOf = options.rollbackOf ?? null;
  const d: DeploymentRec = {
    id: store.newId(),
    projectId: project.id,
    environmentId,
    serviceId,
    instanceKey: instanceKey(serviceId, environmentId),
    seq: instance.deploymentIds.length,
    replicaId: store.newId(),
    createdAt: options.createdAt ?? store.now(),
    reason,
    source: { ...source },
    config: structuredClone(options.config ?? instance.config),
    variables: options.variables ?? renderedVariables(store, environmentId, service),
    plan: store.deps.planFor(project.name, service.name),
    skipsBuild: rollbackOf !== null,
    imageDigest: rollbackOf?.imageDigest ?? `sha256:${store.deps.rng.hex(64)}`,
    rollbackOf: rollbackOf?.id ?? null,
    redeployOf: options.redeployOf?.id ?? null,
    cancelledAt: null,
    runEvents: [],
  };
  store.deployments.set(d.id, d);
  instance.deploymentIds.push(d.id);
  return d;
}

export function findDeployment(store: Store, id: string): DeploymentRec {
  const d = store.deployments.get(id);
  if (!d) throw new Error('Deployment not found');
  return d;
}

/** Only a deployment that has not finished building and deploying can be cancelled. */
export function cancelDeployment(store: Store, d: DeploymentRec): void {
  const view = store.status(d);
  if (!IN_PROGRESS.has(view.status) || view.everSucceeded) {
    throw new Error(`Deployment cannot be cancelled while ${view.status}`);
  }
  d.cancelledAt = store.now();
}

/** Restarts the same deployment's containers (it does not rebuild). */
export function restartDeployment(store: Store, d: DeploymentRec): void {
  const view = store.status(d);
  if (view.status !== 'SUCCESS' && view.status !== 'CRASHED') {
    throw new Error(`Deployment cannot be restarted while ${view.status}`);
  }
  d.runEvents.push({ kind: 'restart', at: store.now() });
}

/** Stops the deployment's containers; its status stays, `deploymentStopped` becomes true. */
export function stopDeployment(store: Store, d: DeploymentRec): void {
  const view = store.status(d);
  if ((view.status !== 'SUCCESS' && view.status !== 'CRASHED') || view.stopped) {
    throw new Error(`Deployment cannot be stopped while ${view.stopped ? 'stopped' : view.status}`);
  }
  d.runEvents.push({ kind: 'stop', at: store.now() });
}

/** A new deployment from the retained image, config and variables of a previous one. */
export function rollbackDeployment(store: Store, d: DeploymentRec): DeploymentRec {
  if (!store.canRollback(d)) throw new Error('Deployment cannot be rolled back');
  return startDeployment(store, d.serviceId, d.environmentId, 'rollback', {
    source: d.source,
    config: d.config,
    variables: d.variables,
    rollbackOf: d,
  });
}

/** A new build of the same source; it picks up the current variables. */
export function redeployDeployment(store: Store, d: DeploymentRec): DeploymentRec {
  return startDeployment(store, d.serviceId, d.environmentId, 'redeploy', {
    source: d.source,
    config: d.config,
    redeployOf: d,
  });
}
