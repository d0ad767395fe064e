/** Services, service instances (config) and domains. */
import { startDeployment } from '../state/deployments';
import type { InstanceRec } from '../state/records';
import {
  createService,
  createServiceDomain,
  defaultConfig,
  updateInstance,
} from '../state/services';
import {
  canSeeEnvironment,
  fail,
  NOT_AUTHORIZED,
  requireEnvironment,
  requireInstance,
  requireProject,
  requireService,
  type ResolverContext,
} from './context';
import { field, type FieldResolver, type ResolverMap } from './types';

interface ServiceCreateArgs {
  input: {
    projectId: string;
    environmentId?: string | null;
    name?: string | null;
    source?: { image?: string | null; repo?: string | null } | null;
    variables?: unknown;
  };
}

interface DomainArgs {
  projectId: string;
  environmentId: string;
  serviceId: string;
}

function domainsOf(ctx: ResolverContext, serviceId: string, environmentId: string) {
  const domain = ctx.store.domainOf(serviceId, environmentId);
  return { serviceDomains: domain ? [domain] : [], customDomains: [] };
}

const configFields: Record<string, FieldResolver> = Object.fromEntries(
  Object.keys(defaultConfig()).map((key) => [
    key,
    field<InstanceRec, unknown>((instance) => instance.config[key as keyof InstanceRec['config']]),
  ]),
);

export const serviceResolvers: ResolverMap = {
  Query: {
    service: field<unknown, { id: string }>((_, { id }, ctx) => requireService(ctx, id)),
    serviceInstance: field<unknown, { serviceId: string; environmentId: string }>((_, args, ctx) =>
      requireInstance(ctx, args.serviceId, args.environmentId),
    ),
    domains: field<unknown, DomainArgs>((_, args, ctx) => {
      const service = requireService(ctx, args.serviceId);
      if (service.projectId !== args.projectId) fail('Service not found');
      requireInstance(ctx, args.serviceId, args.environmentId);
      return domainsOf(ctx, args.serviceId, args.environmentId);
    }),
  },
  Mutation: {
    serviceCreate: field<unknown, ServiceCreateArgs>((_, { input }, ctx) => {
      requireProject(ctx, input.projectId);
      if (input.environmentId) requireEnvironment(ctx, input.environmentId);
      else if (ctx.principal.kind === 'project') fail(NOT_AUTHORIZED);
      return createService(ctx.store, input);
    }),
    serviceDomainCreate: field<unknown, { input: DomainArgs & { targetPort?: number | null } }>(
      (_, { input }, ctx) => {
        requireInstance(ctx, input.serviceId, input.environmentId);
        return createServiceDomain(
          ctx.store,
          input.serviceId,
          input.environmentId,
          input.targetPort ?? null,
        );
      },
    ),
    serviceInstanceUpdate: field<
      unknown,
      { serviceId: string; environmentId?: string | null; input: Record<string, unknown> }
    >((_, args, ctx) => {
      const service = requireService(ctx, args.serviceId);
      if (args.environmentId) requireInstance(ctx, args.serviceId, args.environmentId);
      else if (ctx.principal.kind === 'project') fail(NOT_AUTHORIZED);
      updateInstance(ctx.store, service.id, args.environmentId ?? null, args.input);
      return true;
    }),
    serviceInstanceDeployV2: field<unknown, { serviceId: string; environmentId: string }>(
      (_, args, ctx) => {
        requireInstance(ctx, args.serviceId, args.environmentId);
        return startDeployment(ctx.store, args.serviceId, args.environmentId, 'deploy').id;
      },
    ),
  },
  ServiceInstance: {
    ...configFields,
    serviceName: field<InstanceRec, unknown>(
      (i, _, ctx) => ctx.store.services.get(i.serviceId)?.name,
    ),
    service: field<InstanceRec, unknown>((i, _, ctx) => ctx.store.services.get(i.serviceId)),
    latestDeployment: field<InstanceRec, unknown>((i, _, ctx) => {
      const id = i.deploymentIds.at(-1);
      return id ? ctx.store.deployments.get(id) : null;
    }),
    activeDeployments: field<InstanceRec, unknown>((i, _, ctx) => {
      const active = ctx.store.activeDeployment(i);
      return active ? [active] : [];
    }),
    domains: field<InstanceRec, unknown>((i, _, ctx) =>
      domainsOf(ctx, i.serviceId, i.environmentId),
    ),
    isUpdatable: field<InstanceRec, unknown>((i, _, ctx) =>
      canSeeEnvironment(ctx, ctx.store.services.get(i.serviceId)?.projectId ?? '', i.environmentId),
    ),
  },
};
