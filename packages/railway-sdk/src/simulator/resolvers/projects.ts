/** Projects and environments: Query.project/projects/environment, projectCreate, projectDelete. */
import { createProject, deleteProject } from '../state/projects';
import type { EnvironmentRec, InstanceRec, ProjectRec, ServiceRec } from '../state/records';
import { connection, type ConnectionArgs } from './connection';
import {
  canSeeEnvironment,
  canSeeProject,
  fail,
  NOT_AUTHORIZED,
  requireEnvironment,
  requireProject,
  requireWorkspaceToken,
} from './context';
import { field, type ResolverMap } from './types';

interface ProjectCreateArgs {
  input: {
    name?: string | null;
    description?: string | null;
    workspaceId?: string | null;
    defaultEnvironmentName?: string | null;
  };
}

export const projectResolvers: ResolverMap = {
  Query: {
    project: field<unknown, { id: string }>((_, { id }, ctx) => requireProject(ctx, id)),
    projects: field<unknown, ConnectionArgs & { workspaceId?: string | null }>((_, args, ctx) => {
      const workspaceId = requireWorkspaceToken(ctx);
      if (args.workspaceId && args.workspaceId !== workspaceId) fail(NOT_AUTHORIZED);
      const mine = [...ctx.store.projects.values()].filter((p) => p.workspaceId === workspaceId);
      return connection(mine, args);
    }),
    environment: field<unknown, { id: string; projectId?: string | null }>((_, args, ctx) => {
      const environment = requireEnvironment(ctx, args.id);
      if (args.projectId && args.projectId !== environment.projectId) fail('Environment not found');
      return environment;
    }),
  },
  Mutation: {
    projectCreate: field<unknown, ProjectCreateArgs>((_, { input }, ctx) => {
      const workspaceId = requireWorkspaceToken(ctx);
      if (input.workspaceId && input.workspaceId !== workspaceId) fail(NOT_AUTHORIZED);
      return createProject(ctx.store, { ...input, workspaceId });
    }),
    projectDelete: field<unknown, { id: string }>((_, { id }, ctx) => {
      requireWorkspaceToken(ctx);
      deleteProject(ctx.store, requireProject(ctx, id).id);
      return true;
    }),
  },
  Project: {
    environments: field<ProjectRec, ConnectionArgs>((project, args, ctx) => {
      const visible = project.environmentIds
        .filter((id) => canSeeEnvironment(ctx, project.id, id))
        .map((id) => ctx.store.environments.get(id)!);
      return connection(visible, args);
    }),
    services: field<ProjectRec, ConnectionArgs>((project, args, ctx) =>
      connection(
        project.serviceIds.map((id) => ctx.store.services.get(id)!),
        args,
      ),
    ),
  },
  Environment: {
    serviceInstances: field<EnvironmentRec, ConnectionArgs>((environment, args, ctx) => {
      const project = ctx.store.projects.get(environment.projectId);
      if (!project || !canSeeProject(ctx, project)) return connection([], args);
      const instances = project.serviceIds
        .map((id) => ctx.store.instance(id, environment.id))
        .filter((i): i is InstanceRec => i !== undefined);
      return connection(instances, args);
    }),
  },
  Service: {
    project: field<ServiceRec, unknown>((service, _, ctx) =>
      ctx.store.projects.get(service.projectId),
    ),
  },
};
