/** Where the full Railway schema and the pruned SDL live (shared by the prune script and tests). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IntrospectionQuery } from 'graphql';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `../shared/railway/schema.json` beside the repo root, unless RAILWAY_SCHEMA_JSON says otherwise. */
export const fullSchemaPath = resolve(
  process.env.RAILWAY_SCHEMA_JSON ?? resolve(packageDir, '../../../shared/railway/schema.json'),
);

export const prunedSdlPath = resolve(packageDir, 'schema/railway.graphql');

export function fullSchemaExists(path = fullSchemaPath): boolean {
  return existsSync(path);
}

/** Accepts both `{ data: { __schema } }` (an introspection response) and `{ __schema }`. */
export function readIntrospection(path = fullSchemaPath): IntrospectionQuery {
  const json = JSON.parse(readFileSync(path, 'utf8')) as {
    data?: IntrospectionQuery;
    __schema?: unknown;
  };
  const introspection = json.data ?? (json as IntrospectionQuery);
  if (!introspection.__schema) throw new Error(`${path} is not a GraphQL introspection result`);
  return introspection;
}
