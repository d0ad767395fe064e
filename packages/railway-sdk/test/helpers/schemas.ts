import { readFileSync } from 'node:fs';
import {
  buildClientSchema,
  buildSchema,
  getVariableValues,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import {
  fullSchemaExists,
  fullSchemaPath,
  prunedSdlPath,
  readIntrospection,
} from '../../scripts/schema-source';

export const hasFullSchema = fullSchemaExists();
/** Appended to test titles so a skip says why. */
export const fullSchemaNote = hasFullSchema ? '' : ` — SKIPPED: ${fullSchemaPath} not found`;

export const prunedSchema = (): GraphQLSchema => buildSchema(readFileSync(prunedSdlPath, 'utf8'));
export const fullSchema = (): GraphQLSchema => buildClientSchema(readIntrospection());

/** Validation messages for a document (and its variables, when given) against `schema`. */
export function problems(
  schema: GraphQLSchema,
  query: string,
  variables?: Record<string, unknown>,
): string[] {
  const document = parse(query);
  const found = validate(schema, document).map((error) => error.message);
  if (variables && found.length === 0) {
    const operation = document.definitions.find(
      (definition): definition is OperationDefinitionNode =>
        definition.kind === Kind.OPERATION_DEFINITION,
    );
    const coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], variables);
    found.push(...(coerced.errors ?? []).map((error) => error.message));
  }
  return found;
}
