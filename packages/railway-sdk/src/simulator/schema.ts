/**
 * The executable schema: the SDK's pruned Railway SDL (schema/railway.graphql) with our resolvers
 * attached. Documents are validated against the SDL exactly as written; a second copy executes them
 * with Query root fields made nullable, so one failing alias in a batched read (an unknown
 * deployment id) nulls only itself instead of the whole response.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  Kind,
  valueFromASTUntyped,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { resolvers } from './resolvers';

export const SDL_PATH = fileURLToPath(new URL('../../schema/railway.graphql', import.meta.url));

function parseDateTime(value: unknown): number {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw new TypeError(`DateTime must be an ISO-8601 string, got ${JSON.stringify(value)}`);
  return ms;
}

function parseJsonObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('EnvironmentVariables must be an object');
  }
  return value as Record<string, unknown>;
}

/** Our rows keep times as epoch ms; the wire format is ISO-8601. */
function configureScalars(schema: GraphQLSchema): void {
  const dateTime = schema.getType('DateTime');
  if (dateTime instanceof GraphQLScalarType) {
    dateTime.serialize = (value) =>
      typeof value === 'number' ? new Date(value).toISOString() : value;
    dateTime.parseValue = parseDateTime;
    dateTime.parseLiteral = (ast: ValueNode) =>
      parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined);
  }
  const variables = schema.getType('EnvironmentVariables');
  if (variables instanceof GraphQLScalarType) {
    variables.parseValue = parseJsonObject;
    variables.parseLiteral = (ast: ValueNode, vars) =>
      parseJsonObject(valueFromASTUntyped(ast, vars));
  }
}

function attachResolvers(schema: GraphQLSchema): void {
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) continue; // pruned away: nothing can ask for it
    const schemaFields = type.getFields();
    for (const [name, resolve] of Object.entries(fields)) {
      const schemaField = schemaFields[name];
      if (schemaField) schemaField.resolve = resolve;
    }
  }
}

function relaxQueryRoots(schema: GraphQLSchema): void {
  for (const rootField of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    if (rootField.type instanceof GraphQLNonNull) rootField.type = rootField.type.ofType;
  }
}

export interface SimSchemas {
  /** Documents are validated against this one (exactly the SDL). */
  validation: GraphQLSchema;
  /** And executed against this one. */
  execution: GraphQLSchema;
}

export function loadSchemas(sdl = readFileSync(SDL_PATH, 'utf8')): SimSchemas {
  const validation = buildSchema(sdl);
  configureScalars(validation);
  const execution = buildSchema(sdl);
  configureScalars(execution);
  attachResolvers(execution);
  relaxQueryRoots(execution);
  return { validation, execution };
}
