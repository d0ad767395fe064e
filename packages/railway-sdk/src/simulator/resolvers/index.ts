/** Every resolver, merged per GraphQL type. */
import { deploymentResolvers } from './deployments';
import { projectResolvers } from './projects';
import { serviceResolvers } from './services';
import type { ResolverMap } from './types';
import { variableResolvers } from './variables';

function merge(...maps: ResolverMap[]): ResolverMap {
  const out: ResolverMap = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) out[type] = { ...out[type], ...fields };
  }
  return out;
}

export const resolvers: ResolverMap = merge(
  projectResolvers,
  serviceResolvers,
  deploymentResolvers,
  variableResolvers,
);

export type { ResolverContext } from './context';
