/**
 * The typed `graphql()` for Railway documents. Types come from `src/graphql-env.d.ts`, which
 * gql.tada generates from the pruned SDL (`pnpm schema:generate`).
 */
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env';

export const graphql = initGraphQLTada<{
  introspection: introspection;
  // Masking suits UI components; an SDK wants the whole selection in its results.
  disableMasking: true;
  scalars: {
    DateTime: string;
    JSON: unknown;
    DeploymentMeta: Record<string, unknown> | null;
    EnvironmentVariables: Record<string, string>;
  };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export type { TadaDocumentNode } from 'gql.tada';
