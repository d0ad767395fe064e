/** Projects and their environments. Deleting a project removes everything in it. */
import { instanceKey, type ProjectRec } from './records';
import type { Store } from './store';
import { deleteVariablesOfEnvironment } from './variables';

export interface CreateProjectInput {
  workspaceId: string;
  name?: string | null;
  description?: string | null;
  defaultEnvironmentName?: string | null;
}

export function createProject(store: Store, input: CreateProjectInput): ProjectRec {
  if (!store.workspaces.has(input.workspaceId)) throw new Error('Workspace not found');
  const name = input.name?.trim() || `project-${store.deps.rng.hex(6)}`;
  const now = store.now();
  const project: ProjectRec = {
    id: store.newId(),
    name,
    description: input.description ?? null,
    workspaceId: input.workspaceId,
    createdAt: now,
    updatedAt: now,
    environmentIds: [],
    serviceIds: [],
  };
  const environmentId = store.newId();
  const environmentName = input.defaultEnvironmentName?.trim() || 'production';
  store.environments.set(environmentId, {
    id: environmentId,
    name: environmentName,
    projectId: project.id,
    createdAt: now,
    updatedAt: now,
  });
  project.environmentIds.push(environmentId);
  store.projects.set(project.id, project);
  return project;
}

export function deleteProject(store: Store, projectId: string): void {
  const project = store.projects.get(projectId);
  if (!project) throw new Error('Project not found');
  for (const serviceId of project.serviceIds) {
    for (const environmentId of project.environmentIds) {
      const key = instanceKey(serviceId, environmentId);
      for (const id of store.instances.get(key)?.deploymentIds ?? []) store.deployments.delete(id);
      store.instances.delete(key);
      const domain = store.domainOf(serviceId, environmentId);
      if (domain) store.removeDomain(domain);
    }
    store.services.delete(serviceId);
  }
  for (const environmentId of project.environmentIds) {
    deleteVariablesOfEnvironment(store, environmentId);
    store.environments.delete(environmentId);
  }
  store.projects.delete(projectId);
}
