/** Query.variables and variableCollectionUpsert (which redeploys unless skipDeploys). */
import { startDeployment } from '../state/deployments';
import {
  assertVariables,
  rawVariables,
  renderedVariables,
  upsertVariables,
} from '../state/variables';
import { fail, requireEnvironment, requireService, type ResolverContext } from './context';
import { field, type ResolverMap } from './types';

interface Scope {
  projectId: string;
  environmentId: string;
  serviceId?: string | null;
}

/** Checks the environment and service belong to the project and the caller may see them. */
function resolveScope(ctx: ResolverContext, scope: Scope) {
  const environment = requireEnvironment(ctx, scope.environmentId);
  if (environment.projectId !== scope.projectId) fail('Environment not found');
  const service = scope.serviceId ? requireService(ctx, scope.serviceId) : null;
  if (service && service.projectId !== scope.projectId) fail('Service not found');
  return { environment, service };
}

interface UpsertArgs {
  input: Scope & { variables: unknown; replace?: boolean | null; skipDeploys?: boolean | null };
}

export const variableResolvers: ResolverMap = {
  Query: {
    variables: field<unknown, Scope & { unrendered?: boolean | null }>((_, args, ctx) => {
      const { environment, service } = resolveScope(ctx, args);
      return args.unrendered
        ? rawVariables(ctx.store, environment.id, service?.id ?? null)
        : renderedVariables(ctx.store, environment.id, service);
    }),
  },
  Mutation: {
    variableCollectionUpsert: field<unknown, UpsertArgs>((_, { input }, ctx) => {
      const { environment, service } = resolveScope(ctx, input);
      assertVariables(input.variables);
      upsertVariables(
        ctx.store,
        environment.id,
        service?.id ?? null,
        input.variables,
        Boolean(input.replace),
      );
      if (input.skipDeploys) return true;
      // Shared variables reach every service of the environment; a service's only itself.
      const project = ctx.store.projects.get(environment.projectId)!;
      const serviceIds = service ? [service.id] : project.serviceIds;
      for (const serviceId of serviceIds) {
        if (ctx.store.instance(serviceId, environment.id)?.source) {
          startDeployment(ctx.store, serviceId, environment.id, 'variables');
        }
      }
      return true;
    }),
  },
};
