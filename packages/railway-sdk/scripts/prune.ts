/**
 * Prunes Railway's full introspection schema down to the types the SDK uses (DESIGN §4), so the
 * package can typecheck and validate documents without the 1.8 MB schema beside the repo.
 */
import {
  assertValidSchema,
  buildASTSchema,
  buildClientSchema,
  type DefinitionNode,
  getNamedType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type IntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isObjectType,
  isScalarType,
  Kind,
  parse,
  print,
  printSchema,
  visit,
} from 'graphql';
import type { PruneConfig } from './prune-schema.config';

export const SDL_HEADER =
  '# Railway public API, pruned by scripts/prune-schema.ts (config: scripts/prune-schema.config.ts).\n' +
  '# Generated: do not edit by hand; run `pnpm --filter @roundhouse/railway-sdk schema:generate`.\n';

export class PruneError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot prune the Railway schema:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PruneError';
  }
}

/** Walks from the root fields and records which object fields and whole types survive. */
function collect(full: ReturnType<typeof buildClientSchema>, config: PruneConfig) {
  const objectFields = new Map<string, Set<string>>();
  const wholeTypes = new Set<string>();
  const problems: string[] = [];

  const keepLeafOrInput = (type: GraphQLNamedType): void => {
    if (wholeTypes.has(type.name)) return;
    if (isScalarType(type) || isEnumType(type)) {
      wholeTypes.add(type.name);
    } else if (isInputObjectType(type)) {
      wholeTypes.add(type.name);
      for (const field of Object.values(type.getFields()))
        keepLeafOrInput(getNamedType(field.type));
    }
  };

  const keepField = (owner: GraphQLObjectType, field: GraphQLField<unknown, unknown>): void => {
    for (const arg of field.args) keepLeafOrInput(getNamedType(arg.type));
    const target = getNamedType(field.type);
    if (isObjectType(target)) {
      const wanted = config.objects[target.name];
      if (wanted === undefined) {
        problems.push(
          `${owner.name}.${field.name} returns ${target.name}, which is not allowlisted: add ` +
            `${target.name}: [<fields you select>] to objects in scripts/prune-schema.config.ts`,
        );
        return;
      }
      keepObject(target, wanted);
    } else if (isScalarType(target) || isEnumType(target)) {
      keepLeafOrInput(target);
    } else {
      problems.push(
        `${owner.name}.${field.name} returns the abstract type ${target.name}; the pruner ` +
          `supports object, enum and scalar results only`,
      );
    }
  };

  const keepObject = (type: GraphQLObjectType, names: readonly string[]): void => {
    if (objectFields.has(type.name)) return;
    objectFields.set(type.name, new Set(names));
    const fields = type.getFields();
    for (const name of names) {
      const field = fields[name];
      if (field === undefined) problems.push(`${type.name}.${name} does not exist in the schema`);
      else keepField(type, field);
    }
  };

  const roots = { Query: full.getQueryType(), Mutation: full.getMutationType() };
  for (const [rootName, root] of Object.entries(roots)) {
    if (!root) problems.push(`the schema has no ${rootName} type`);
    else keepObject(root, config.roots[rootName as keyof typeof roots]);
  }
  for (const name of Object.keys(config.objects)) {
    if (!objectFields.has(name)) {
      problems.push(`objects.${name} is allowlisted but no kept field returns it: remove it`);
    }
  }
  if (problems.length > 0) throw new PruneError(problems);
  return { objectFields, wholeTypes };
}

/** Returns the pruned SDL (with header), validated as a schema on its own. */
export function pruneSchema(introspection: IntrospectionQuery, config: PruneConfig): string {
  const full = buildClientSchema(introspection);
  const { objectFields, wholeTypes } = collect(full, config);
  const document = parse(printSchema(full));

  const definitions = document.definitions.flatMap((definition): DefinitionNode[] => {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) {
      const keep = objectFields.get(definition.name.value);
      if (!keep) return [];
      // Interfaces (Node, Domain) are dropped: documents never select through them.
      const fields = definition.fields?.filter((field) => keep.has(field.name.value));
      return [{ ...definition, interfaces: [], fields }];
    }
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) return [definition];
    if ('name' in definition && definition.name && wholeTypes.has(definition.name.value)) {
      return [definition];
    }
    return [];
  });

  // Railway publishes many empty descriptions; they would print as noise ("").
  const pruned = visit(
    { ...document, definitions },
    {
      enter(node) {
        if ('description' in node && node.description?.value === '') {
          return { ...node, description: undefined };
        }
        return undefined;
      },
    },
  );
  const sdl = print(pruned);
  assertValidSchema(buildASTSchema(parse(sdl)));
  return `${SDL_HEADER}\n${sdl}\n`;
}
