import { GetVariables, UpsertVariables } from '../documents/variables';
import type { CallOptions } from '../executor';
import type { ClientContext } from '../options';
import type { Variables } from '../types';
import { expectTrue, invalid, requireId } from '../validate';

export interface VariableScope {
  projectId: string;
  environmentId: string;
  /** Omit for the environment's shared variables. */
  serviceId?: string;
}

export interface UpsertVariablesInput extends VariableScope {
  variables: Variables;
  /** Delete the variables not in `variables`. */
  replace?: boolean;
  /** Do not redeploy the affected services (Railway redeploys by default). */
  skipDeploys?: boolean;
}

function scopeOf(scope: VariableScope) {
  return {
    projectId: requireId('projectId', scope.projectId),
    environmentId: requireId('environmentId', scope.environmentId),
    serviceId: scope.serviceId === undefined ? null : requireId('serviceId', scope.serviceId),
  };
}

export function variableMethods({ executor }: ClientContext) {
  return {
    async getVariables(
      scope: VariableScope & { unrendered?: boolean },
      options?: CallOptions,
    ): Promise<Variables> {
      const variables = { ...scopeOf(scope), unrendered: scope.unrendered ?? false };
      return (await executor.request(GetVariables, variables, options)).variables;
    },

    async upsertVariables(input: UpsertVariablesInput, options?: CallOptions): Promise<void> {
      for (const [name, value] of Object.entries(input.variables)) {
        if (name.trim() === '' || typeof value !== 'string') {
          throw invalid(`variable ${JSON.stringify(name)} needs a name and a string value`);
        }
      }
      const { variableCollectionUpsert } = await executor.request(
        UpsertVariables,
        {
          input: {
            ...scopeOf(input),
            variables: input.variables,
            replace: input.replace ?? false,
            skipDeploys: input.skipDeploys ?? false,
          },
        },
        options,
      );
      expectTrue(variableCollectionUpsert, 'variableCollectionUpsert');
    },
  };
}
