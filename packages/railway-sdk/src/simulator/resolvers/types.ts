/** The resolver map shape and a helper that keeps each resolver's own argument types. */
import type { GraphQLFieldResolver } from 'graphql';
import type { ResolverContext } from './context';

export type FieldResolver = GraphQLFieldResolver<unknown, ResolverContext, Record<string, unknown>>;
export type ResolverMap = Record<string, Record<string, FieldResolver>>;

/** graphql-js has already coerced the arguments against the schema when a resolver runs. */
export function field<TSource, TArgs = Record<string, never>>(
  fn: (source: TSource, args: TArgs, ctx: ResolverContext) => unknown,
): FieldResolver {
  return fn as unknown as FieldResolver;
}
