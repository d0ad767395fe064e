/** Read-only views of the simulator's state for assertions (sim.state) and the control API. */
import type { DeploymentStatus } from './state/deployment-status';
import type { DeploymentReason, DeploymentRec } from './state/records';
import type { Store } from './state/store';
import { rawVariables, renderedVariables } from './state/variables';

export interface ProjectView {
  id: string;
  name: string;
  workspaceId: string;
  environments: { id: string; name: string }[];
  serviceIds: string[];
  createdAt: number;
}

export interface ServiceView {
  id: string;
  name: string;
  projectId: string;
  source: { image: string | null; repo: string | null } | null;
}

export interface DeploymentView {
  id: string;
  projectId: string;
  environmentId: string;
  serviceId: string;
  status: DeploymentStatus;
  reason: DeploymentReason;
  createdAt: number;
  stopped: boolean;
  canRollback: boolean;
}

export interface DomainView {
  id: string;
  domain: string;
  projectId: string;
  serviceId: string;
  environmentId: string;
}

export interface StateSummary {
  now: number;
  projects: number;
  services: number;
  domains: number;
  deployments: number;
  deploymentsByStatus: Partial<Record<DeploymentStatus, number>>;
}

export interface StateViews {
  projects(): ProjectView[];
  services(projectId?: string): ServiceView[];
  deployments(serviceId?: string): DeploymentView[];
  domains(): DomainView[];
  variables(
    environmentId: string,
    serviceId: string | null,
    opts?: { rendered?: boolean },
  ): Record<string, string>;
  summary(): StateSummary;
}

export function createStateViews(store: Store): StateViews {
  const deploymentView = (d: DeploymentRec): DeploymentView => {
    const view = store.status(d);
    return {
      id: d.id,
      projectId: d.projectId,
      environmentId: d.environmentId,
      serviceId: d.serviceId,
      status: view.status,
      reason: d.reason,
      createdAt: d.createdAt,
      stopped: view.stopped,
      canRollback: store.canRollback(d),
    };
  };
  return {
    projects: () =>
      [...store.projects.values()].map((p) => ({
        id: p.id,
        name: p.name,
        workspaceId: p.workspaceId,
        environments: p.environmentIds.map((id) => ({
          id,
          name: store.environments.get(id)!.name,
        })),
        serviceIds: [...p.serviceIds],
        createdAt: p.createdAt,
      })),
    services: (projectId) =>
      [...store.services.values()]
        .filter((s) => projectId === undefined || s.projectId === projectId)
        .map((s) => {
          const project = store.projects.get(s.projectId)!;
          const source = store.instance(s.id, project.environmentIds[0]!)?.source ?? null;
          return { id: s.id, name: s.name, projectId: s.projectId, source };
        }),
    deployments: (serviceId) =>
      [...store.deployments.values()]
        .filter((d) => serviceId === undefined || d.serviceId === serviceId)
        .map(deploymentView),
    domains: () =>
      [...store.domains.values()].map(({ id, domain, projectId, serviceId, environmentId }) => ({
        id,
        domain,
        projectId,
        serviceId,
        environmentId,
      })),
    variables: (environmentId, serviceId, opts) => {
      if (!opts?.rendered) return rawVariables(store, environmentId, serviceId);
      const service = serviceId ? (store.services.get(serviceId) ?? null) : null;
      return renderedVariables(store, environmentId, service);
    },
    summary: () => {
      const deploymentsByStatus: StateSummary['deploymentsByStatus'] = {};
      for (const d of store.deployments.values()) {
        const status = store.status(d).status;
        deploymentsByStatus[status] = (deploymentsByStatus[status] ?? 0) + 1;
      }
      return {
        now: store.now(),
        projects: store.projects.size,
        services: store.services.size,
        domains: store.domains.size,
        deployments: store.deployments.size,
        deploymentsByStatus,
      };
    },
  };
}
