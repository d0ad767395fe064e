/**
 * Many reads in one request: aliased root fields (`b0: deployment(id: $b0_id) { … }`), chunked so
 * no request grows without bound. Ids and other values travel only as variables, never inside
 * the document text; aliases and variable names are generated here, never taken from input.
 */
import { UnknownError } from '@roundhouse/core';
import { type DocumentNode, Kind, print } from 'graphql';
import type { CallOptions, Executor } from './executor';

export interface BatchArg {
  /** GraphQL type of the variable, e.g. `String!` or `DateTime`. */
  type: string;
  value: unknown;
}

export interface BatchItem {
  /** Root field, e.g. `deployment`. */
  field: string;
  args: Record<string, BatchArg>;
  /** Selection set without braces (e.g. `...DeploymentFields`); omit for scalar fields. */
  selection?: string;
  /** Fragments the selection spreads; a document carries only those its fields use. */
  fragments?: readonly DocumentNode[];
}

export interface BatchDocument {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  aliases: string[];
}

export const DEFAULT_BATCH_SIZE = 100;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be ≥ 1, got ${size}`);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Fragment definitions a document needs, as text, without duplicates. */
function fragmentText(fragments: readonly DocumentNode[]): string {
  const seen = new Map<string, string>();
  for (const document of fragments) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION)
        seen.set(definition.name.value, print(definition));
    }
  }
  return [...seen.values()].join('\n');
}

export function buildBatchDocument(
  operationName: string,
  items: readonly BatchItem[],
): BatchDocument {
  const declarations: string[] = [];
  const fields: string[] = [];
  const variables: Record<string, unknown> = {};
  const aliases = items.map((item, index) => {
    const alias = `b${index}`;
    const args = Object.entries(item.args).map(([name, arg]) => {
      const variable = `${alias}_${name}`;
      declarations.push(`$${variable}: ${arg.type}`);
      variables[variable] = arg.value;
      return `${name}: $${variable}`;
    });
    const selection = item.selection ? ` { ${item.selection} }` : '';
    fields.push(`  ${alias}: ${item.field}(${args.join(', ')})${selection}`);
    return alias;
  });
  const header = declarations.length > 0 ? `(${declarations.join(', ')})` : '';
  const used = items.flatMap((item) => item.fragments ?? []);
  const query = `query ${operationName}${header} {\n${fields.join('\n')}\n}\n${fragmentText(used)}`;
  return { operationName, query, variables, aliases };
}

/**
 * Runs `items` in chunks and returns one value per item, in order; `null` where Railway said the
 * object does not exist. Any other error fails the call.
 */
export async function runBatch<T>(
  executor: Executor,
  operationName: string,
  items: readonly BatchItem[],
  options: { chunkSize: number; call?: CallOptions },
): Promise<Array<T | null>> {
  const results: Array<T | null> = [];
  for (const part of chunk(items, options.chunkSize)) {
    results.push(...(await runChunk<T>(executor, operationName, part, options)));
  }
  return results;
}

/**
 * `items` in one request (the caller chose what goes together), one value per item, in order.
 * Railway's root fields are non-null, so one missing id may null the whole `data`; then the chunk
 * is asked again without the ids the errors named (an extra request only when something is gone).
 */
export async function runChunk<T>(
  executor: Executor,
  operationName: string,
  items: readonly BatchItem[],
  options: { call?: CallOptions } = {},
): Promise<Array<T | null>> {
  const results = new Array<T | null>(items.length).fill(null);
  let pending = items.map((_, index) => index);
  while (pending.length > 0) {
    const batch = pending.map((index) => items[index]!);
    const document = buildBatchDocument(operationName, batch);
    const operation = { ...document, kind: 'read' as const, tolerateNotFound: true };
    const { data, errors } = await executor.execute(operation, options.call);
    const missing = new Set(errors.map((error) => error.path?.[0]));
    if (data !== null) {
      document.aliases.forEach((alias, i) => {
        if (!missing.has(alias)) results[pending[i]!] = (data[alias] ?? null) as T | null;
      });
      return results;
    }
    const remaining = pending.filter((_, i) => !missing.has(document.aliases[i]!));
    if (remaining.length === pending.length) {
      throw new UnknownError(`${operationName}: Railway returned no data and named no known alias`);
    }
    pending = remaining;
  }
  return results;
}
