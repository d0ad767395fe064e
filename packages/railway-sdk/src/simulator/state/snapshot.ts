/**
 * The store as plain JSON and back. Every record is already plain data and deployment progress
 * is derived from timestamps, so a restored simulator on a real clock simply carries on: what
 * was building is done (or still building), and every project the caller's database refers to
 * is still there.
 */
import type { Principal } from '../auth';
import type { SeededTemplates } from '../templates';
import {
  instanceKey,
  type DeploymentRec,
  type DomainRec,
  type EnvironmentRec,
  type InstanceRec,
  type ProjectRec,
  type ServiceRec,
  type WorkspaceRec,
} from './records';
import type { Store } from './store';

export const SNAPSHOT_VERSION = 1;

export interface StoreSnapshot {
  version: typeof SNAPSHOT_VERSION;
  savedAt: string;
  /** The workspace createSimulator returns (its token is among `tokens`). */
  main: { workspaceId: string; token: string };
  templates: SeededTemplates | null;
  tokens: [string, Principal][];
  workspaces: WorkspaceRec[];
  projects: ProjectRec[];
  environments: EnvironmentRec[];
  services: ServiceRec[];
  instances: InstanceRec[];
  domains: DomainRec[];
  deployments: DeploymentRec[];
  variables: [string, [string, string][]][];
}

export type SnapshotHeader = Pick<StoreSnapshot, 'main' | 'templates' | 'tokens'>;

export function takeSnapshot(store: Store, header: SnapshotHeader): StoreSnapshot {
  return {
    version: SNAPSHOT_VERSION,
    savedAt: new Date().toISOString(),
    ...header,
    workspaces: [...store.workspaces.values()],
    projects: [...store.projects.values()],
    environments: [...store.environments.values()],
    services: [...store.services.values()],
    instances: [...store.instances.values()],
    domains: [...store.domains.values()],
    deployments: [...store.deployments.values()],
    variables: [...store.variables].map(([key, vars]) => [key, [...vars]]),
  };
}

/** Fills an empty store from a snapshot; throws (changing nothing) when it is not one. */
export function restoreSnapshot(store: Store, value: unknown): StoreSnapshot {
  const snapshot = asSnapshot(value);
  if (store.projects.size > 0 || store.workspaces.size > 0) {
    throw new Error('restoreSnapshot needs an empty store');
  }
  for (const w of snapshot.workspaces) store.workspaces.set(w.id, w);
  for (const p of snapshot.projects) store.projects.set(p.id, p);
  for (const e of snapshot.environments) store.environments.set(e.id, e);
  for (const s of snapshot.services) store.services.set(s.id, s);
  for (const i of snapshot.instances)
    store.instances.set(instanceKey(i.serviceId, i.environmentId), i);
  for (const d of snapshot.domains) store.addDomain(d);
  for (const d of snapshot.deployments) store.deployments.set(d.id, d);
  for (const [key, vars] of snapshot.variables) store.variables.set(key, new Map(vars));
  return snapshot;
}

const LISTS = [
  'tokens',
  'workspaces',
  'projects',
  'environments',
  'services',
  'instances',
  'domains',
  'deployments',
  'variables',
] as const;

function asSnapshot(value: unknown): StoreSnapshot {
  const v = value as Partial<StoreSnapshot> | null;
  if (typeof v !== 'object' || v === null || v.version !== SNAPSHOT_VERSION) {
    throw new Error(`Not a simulator snapshot of version ${SNAPSHOT_VERSION}`);
  }
  const missing = LISTS.filter((key) => !Array.isArray(v[key]));
  if (missing.length > 0 || typeof v.main?.workspaceId !== 'string') {
    throw new Error(`Simulator snapshot is incomplete (${missing.join(', ') || 'main'})`);
  }
  return v as StoreSnapshot;
}
