/**
 * The simulator's tables and the lookups every other module needs. Mutations live in the files
 * named after what they change (projects.ts, services.ts, deployments.ts, variables.ts).
 */
import type { SimClock } from '../clock';
import type { Rng } from '../rng';
import { statusAt, type StatusView } from './deployment-status';
import {
  instanceKey,
  type DeploymentPlan,
  type DeploymentRec,
  type DomainRec,
  type EnvironmentRec,
  type InstanceRec,
  type ProjectRec,
  type ServiceRec,
  type WorkspaceRec,
} from './records';

export interface StoreDeps {
  clock: SimClock;
  rng: Rng;
  /** Decides the fate of a new deployment from its project and service names. */
  planFor(projectName: string, serviceName: string): DeploymentPlan;
  /** How long a built image stays available for rollback. */
  imageRetentionMs: number;
}

export class Store {
  readonly workspaces = new Map<string, WorkspaceRec>();
  readonly projects = new Map<string, ProjectRec>();
  readonly environments = new Map<string, EnvironmentRec>();
  readonly services = new Map<string, ServiceRec>();
  readonly instances = new Map<string, InstanceRec>();
  readonly domains = new Map<string, DomainRec>();
  readonly domainsByName = new Map<string, DomainRec>();
  private readonly domainsByInstance = new Map<string, DomainRec>();
  readonly deployments = new Map<string, DeploymentRec>();
  /** Keyed by `${environmentId}:${serviceId}`, or `${environmentId}:` for shared variables. */
  readonly variables = new Map<string, Map<string, string>>();

  constructor(readonly deps: StoreDeps) {}

  now(): number {
    return this.deps.clock.now();
  }

  newId(): string {
    return this.deps.rng.uuid();
  }

  instance(serviceId: string, environmentId: string): InstanceRec | undefined {
    return this.instances.get(instanceKey(serviceId, environmentId));
  }

  instancesOfService(service: ServiceRec): InstanceRec[] {
    const project = this.projects.get(service.projectId);
    return (project?.environmentIds ?? [])
      .map((envId) => this.instance(service.id, envId))
      .filter((i): i is InstanceRec => i !== undefined);
  }

  serviceByName(projectId: string, name: string): ServiceRec | undefined {
    const project = this.projects.get(projectId);
    for (const id of project?.serviceIds ?? []) {
      const service = this.services.get(id);
      if (service?.name === name) return service;
    }
    return undefined;
  }

  domainOf(serviceId: string, environmentId: string): DomainRec | undefined {
    return this.domainsByInstance.get(instanceKey(serviceId, environmentId));
  }

  addDomain(domain: DomainRec): void {
    this.domains.set(domain.id, domain);
    this.domainsByName.set(domain.domain, domain);
    this.domainsByInstance.set(instanceKey(domain.serviceId, domain.environmentId), domain);
  }

  removeDomain(domain: DomainRec): void {
    this.domains.delete(domain.id);
    this.domainsByName.delete(domain.domain);
    this.domainsByInstance.delete(instanceKey(domain.serviceId, domain.environmentId));
  }

  /** Deployments created after `d` for the same service instance, oldest first. */
  newerThan(d: DeploymentRec): DeploymentRec[] {
    const ids = this.instances.get(d.instanceKey)?.deploymentIds ?? [];
    return ids.slice(d.seq + 1).map((id) => this.deployments.get(id)!);
  }

  status(d: DeploymentRec): StatusView {
    return statusAt(d, this.newerThan(d), this.now());
  }

  deploymentsOf(instance: InstanceRec): DeploymentRec[] {
    return instance.deploymentIds.map((id) => this.deployments.get(id)!);
  }

  /** The newest deployment that reached SUCCESS and has not been removed (it may have crashed). */
  activeDeployment(instance: InstanceRec): DeploymentRec | undefined {
    const all = this.deploymentsOf(instance);
    for (let i = all.length - 1; i >= 0; i--) {
      const view = this.status(all[i]!);
      if (view.status === 'SUCCESS' || view.status === 'CRASHED') return all[i];
      if (view.status === 'REMOVED' && view.everSucceeded) return undefined;
    }
    return undefined;
  }

  canRollback(d: DeploymentRec): boolean {
    const instance = this.instances.get(d.instanceKey);
    if (!instance || this.activeDeployment(instance)?.id === d.id) return false;
    const view = this.status(d);
    const retained = this.now() - d.createdAt <= this.deps.imageRetentionMs;
    return view.everSucceeded && view.status === 'REMOVED' && retained;
  }
}
