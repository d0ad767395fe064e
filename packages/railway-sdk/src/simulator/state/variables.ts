/**
 * Variables per service instance and shared per environment, Railway-provided variables, and the
 * rendering of reference variables: `${{shared.X}}`, `${{ service.X }}` and `${{X}}` (same service).
 * A reference that cannot be resolved renders as an empty string, as on Railway.
 */
import type { Store } from './store';
import type { ServiceRec } from './records';

const REFERENCE = /\$\{\{\s*([^}]*?)\s*\}\}/g;
const MAX_DEPTH = 8;

function scopeKey(environmentId: string, serviceId: string | null): string {
  return `${environmentId}:${serviceId ?? ''}`;
}

export function rawVariables(
  store: Store,
  environmentId: string,
  serviceId: string | null,
): Record<string, string> {
  return Object.fromEntries(store.variables.get(scopeKey(environmentId, serviceId)) ?? []);
}

/** Validates first so that bad input changes nothing. */
export function assertVariables(value: unknown): asserts value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('Variables must be an object of names to string values');
  }
  for (const [name, v] of Object.entries(value)) {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) throw new Error(`Invalid variable name: ${name}`);
    if (typeof v !== 'string') throw new Error(`Variable ${name} must be a string`);
  }
}

export function upsertVariables(
  store: Store,
  environmentId: string,
  serviceId: string | null,
  values: Record<string, string>,
  replace: boolean,
): void {
  const key = scopeKey(environmentId, serviceId);
  const current = replace ? new Map<string, string>() : (store.variables.get(key) ?? new Map());
  for (const [name, value] of Object.entries(values)) current.set(name, value);
  store.variables.set(key, current);
}

export function deleteVariablesOfEnvironment(store: Store, environmentId: string): void {
  for (const key of [...store.variables.keys()]) {
    if (key.startsWith(`${environmentId}:`)) store.variables.delete(key);
  }
}

/** The RAILWAY_* variables Railway injects into every service. */
export function providedVariables(
  store: Store,
  service: ServiceRec,
  environmentId: string,
): Record<string, string> {
  const project = store.projects.get(service.projectId);
  const environment = store.environments.get(environmentId);
  const domain = store.domainOf(service.id, environmentId);
  const slug = service.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return {
    RAILWAY_PROJECT_ID: service.projectId,
    RAILWAY_PROJECT_NAME: project?.name ?? '',
    RAILWAY_ENVIRONMENT_ID: environmentId,
    RAILWAY_ENVIRONMENT_NAME: environment?.name ?? '',
    RAILWAY_ENVIRONMENT: environment?.name ?? '',
    RAILWAY_SERVICE_ID: service.id,
    RAILWAY_SERVICE_NAME: service.name,
    RAILWAY_PRIVATE_DOMAIN: `${slug}.railway.internal`,
    ...(domain ? { RAILWAY_PUBLIC_DOMAIN: domain.domain, RAILWAY_STATIC_URL: domain.domain } : {}),
  };
}

function lookup(
  store: Store,
  environmentId: string,
  self: ServiceRec | null,
  reference: string,
  depth: number,
): string {
  const dot = reference.indexOf('.');
  const owner = dot === -1 ? null : reference.slice(0, dot).trim();
  const name = (dot === -1 ? reference : reference.slice(dot + 1)).trim();
  if (owner === 'shared') {
    const value = rawVariables(store, environmentId, null)[name];
    return value === undefined ? '' : render(store, environmentId, null, value, depth + 1);
  }
  const projectId = self?.projectId;
  const target =
    owner === null ? self : projectId ? store.serviceByName(projectId, owner) : undefined;
  if (!target) return '';
  const value =
    rawVariables(store, environmentId, target.id)[name] ??
    providedVariables(store, target, environmentId)[name];
  return value === undefined ? '' : render(store, environmentId, target, value, depth + 1);
}

function render(
  store: Store,
  environmentId: string,
  self: ServiceRec | null,
  value: string,
  depth: number,
): string {
  if (depth > MAX_DEPTH) return '';
  return value.replace(REFERENCE, (_match, reference: string) =>
    lookup(store, environmentId, self, reference, depth),
  );
}

/** What `variables(unrendered: false)` returns and what a deployment's containers see. */
export function renderedVariables(
  store: Store,
  environmentId: string,
  service: ServiceRec | null,
): Record<string, string> {
  const raw = rawVariables(store, environmentId, service?.id ?? null);
  const out: Record<string, string> = service
    ? providedVariables(store, service, environmentId)
    : {};
  for (const [name, value] of Object.entries(raw)) {
    out[name] = render(store, environmentId, service, value, 0);
  }
  return out;
}
