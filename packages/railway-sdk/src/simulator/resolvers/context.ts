/** What every resolver gets, and the lookups that enforce "not found" before "not authorized". */
import { GraphQLError } from 'graphql';
import type { Principal } from '../auth';
import type {
  DeploymentRec,
  EnvironmentRec,
  InstanceRec,
  ProjectRec,
  ServiceRec,
} from '../state/records';
import type { Store } from '../state/store';

export interface ResolverContext {
  store: Store;
  principal: Principal;
  heartbeatMs: number;
}

export const NOT_AUTHORIZED = 'Not Authorized';

export function fail(message: string): never {
  throw new GraphQLError(message);
}

export function canSeeProject(ctx: ResolverContext, project: ProjectRec): boolean {
  const p = ctx.principal;
  return p.kind === 'workspace'
    ? project.workspaceId === p.workspaceId
    : project.id === p.projectId;
}

export function canSeeEnvironment(
  ctx: ResolverContext,
  projectId: string,
  environmentId: string,
): boolean {
  const project = ctx.store.projects.get(projectId);
  if (!project || !canSeeProject(ctx, project)) return false;
  return ctx.principal.kind === 'workspace' || ctx.principal.environmentId === environmentId;
}

export function requireWorkspaceToken(ctx: ResolverContext): string {
  if (ctx.principal.kind !== 'workspace') fail(NOT_AUTHORIZED);
  return ctx.principal.workspaceId;
}

export function requireProject(ctx: ResolverContext, id: string): ProjectRec {
  const project = ctx.store.projects.get(id) ?? fail('Project not found');
  return canSeeProject(ctx, project) ? project : fail(NOT_AUTHORIZED);
}

export function requireEnvironment(ctx: ResolverContext, id: string): EnvironmentRec {
  const environment = ctx.store.environments.get(id) ?? fail('Environment not found');
  return canSeeEnvironment(ctx, environment.projectId, id) ? environment : fail(NOT_AUTHORIZED);
}

/** Project tokens see a service only through their own project. */
export function requireService(ctx: ResolverContext, id: string): ServiceRec {
  const service = ctx.store.services.get(id) ?? fail('Service not found');
  requireProject(ctx, service.projectId);
  return service;
}

export function requireInstance(
  ctx: ResolverContext,
  serviceId: string,
  environmentId: string,
): InstanceRec {
  const service = requireService(ctx, serviceId);
  const instance =
    ctx.store.instance(serviceId, environmentId) ?? fail('ServiceInstance not found');
  return canSeeEnvironment(ctx, service.projectId, environmentId) ? instance : fail(NOT_AUTHORIZED);
}

export function requireDeployment(ctx: ResolverContext, id: string): DeploymentRec {
  const d = ctx.store.deployments.get(id) ?? fail('Deployment not found');
  return canSeeEnvironment(ctx, d.projectId, d.environmentId) ? d : fail(NOT_AUTHORIZED);
}
