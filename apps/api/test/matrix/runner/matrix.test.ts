import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@roundhouse/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServices } from '../../../src/context';
import { appRouter } from '../../../src/root';
import { contextFor, testServices } from '../../support/context';
import { buildMatrixWorld } from '../fixtures';
import type { MatrixEntry, MatrixWorld } from '../types';
import { CALLER_NAMES, callerFor, expectationFor, type CallerName } from './callers';
import { invoke, type Outcome } from './invoke';

/**
 * The authorization matrix (issue 5): every procedure of the app router, found at run time, is
 * called by every kind of caller. A procedure without an entry in some `*.matrix.ts` fails here,
 * so a new procedure cannot ship without saying who may call it.
 */
const entries = await loadEntries();
const routerProcedures = appRouter._def.procedures as unknown as Record<string, ProcedureLike>;
const procedures = Object.entries(routerProcedures);
const AUTHORIZATION_CODES = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND']);

interface ProcedureLike {
  _def: { type: 'query' | 'mutation' | 'subscription' };
}

let database: TestDatabase;
let services: ApiServices;
/** Shared by queries and by calls expected to be refused (which must change nothing). */
let shared: MatrixWorld;

beforeAll(async () => {
  database = await createTestDatabase();
  services = testServices(database.db);
  shared = await buildMatrixWorld(services);
});
afterAll(() => database?.destroy());

describe('the matrix covers the router', () => {
  it('has exactly one entry per procedure, of the same type', () => {
    const byPath = new Map<string, MatrixEntry[]>();
    for (const entry of entries) byPath.set(entry.path, [...(byPath.get(entry.path) ?? []), entry]);
    const problems: string[] = [];
    for (const [path, procedure] of procedures) {
      const found = byPath.get(path) ?? [];
      if (found.length === 0) problems.push(`${path}: no matrix entry`);
      if (found.length > 1) problems.push(`${path}: ${found.length} matrix entries`);
      if (found[0] && found[0].type !== procedure._def.type) {
        problems.push(`${path}: entry says ${found[0].type}, procedure is ${procedure._def.type}`);
      }
    }
    for (const path of byPath.keys()) {
      if (!routerProcedures[path]) problems.push(`${path}: entry for no procedure`);
    }
    for (const entry of entries) {
      if ((entry.access === 'user' || entry.access === 'admin') && !entry.permission) {
        problems.push(`${entry.path}: ${entry.access} entries need a permission`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe.each(entries.map((entry) => [entry.path, entry] as const))('%s', (_path, entry) => {
  const callers = CALLER_NAMES.filter((name) => expectationFor(entry, name) !== undefined);
  it.each(callers)('as %s', async (name) => {
    const expected = expectationFor(entry, name);
    // An allowed mutation may destroy what it names: it gets a world of its own.
    const fx =
      entry.type === 'mutation' && expected === 'allowed'
        ? await buildMatrixWorld(services)
        : shared;
    const outcome = await invoke(
      appRouter,
      contextFor(services, callerFor(entry, name, fx)),
      entry.path,
      entry.input?.(fx),
    );
    assertOutcome(entry, name, expected, outcome, fx);
  });
});

function assertOutcome(
  entry: MatrixEntry,
  name: CallerName,
  expected: string | undefined,
  outcome: Outcome,
  fx: MatrixWorld,
): void {
  const seen = outcome.ok ? 'success' : `${outcome.code}: ${outcome.message}`;
  if (expected === 'allowed') {
    // Allowed callers may still be refused for business reasons (BAD_REQUEST, CONFLICT), but
    // never for who they are, and nothing may crash.
    const refused =
      !outcome.ok &&
      (AUTHORIZATION_CODES.has(outcome.code) || outcome.code === 'INTERNAL_SERVER_ERROR');
    expect(refused, `${entry.path} as ${name}: ${seen}`).toBe(false);
  } else {
    expect(outcome.ok ? 'success' : outcome.code, `${entry.path} as ${name}: ${seen}`).toBe(
      expected,
    );
  }
  if (outcome.ok && name !== 'customerA' && !seesEveryone(entry, name)) {
    const leaked = identifiersOf(fx.a).filter((id) => JSON.stringify(outcome.output).includes(id));
    expect(leaked, `${entry.path} as ${name} returned customer A's data`).toEqual([]);
  }
}

/** Admin procedures show everyone's rows to admins (and their keys); nothing else does. */
function seesEveryone(entry: MatrixEntry, name: CallerName): boolean {
  if (entry.access !== 'admin') return name === 'apiKeyWith' || name === 'apiKeyWithout';
  return name === 'admin' || name === 'apiKeyWith' || name === 'apiKeyWithout';
}

function identifiersOf(customer: MatrixWorld['a']): string[] {
  return [
    customer.user.id,
    customer.user.email,
    customer.subscription.id,
    customer.instance.id,
    customer.deployments.current.id,
    customer.deployments.previous.id,
    customer.failedSubscription.id,
    customer.failedInstance.id,
    customer.credential.id,
    customer.notification.id,
    customer.webhookEndpoint.id,
    customer.order.id,
    customer.invoice.id,
    customer.invoice.number,
    customer.apiKey.id,
  ];
}

async function loadEntries(): Promise<MatrixEntry[]> {
  const dir = fileURLToPath(new URL('..', import.meta.url));
  const files = (await readdir(dir)).filter((file) => file.endsWith('.matrix.ts')).sort();
  const loaded: MatrixEntry[] = [];
  for (const file of files) {
    const module = (await import(new URL(`../${file}`, import.meta.url).href)) as Record<
      string,
      unknown
    >;
    for (const value of Object.values(module)) {
      if (Array.isArray(value) && value.every(isEntry)) loaded.push(...value);
    }
  }
  return loaded;
}

function isEntry(value: unknown): value is MatrixEntry {
  return typeof value === 'object' && value !== null && 'path' in value && 'access' in value;
}
