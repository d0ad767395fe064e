/** Services, their per-environment instances (source + config) and their public domains. */
import { startDeployment } from './deployments';
import type { DomainRec, InstanceConfig, ServiceRec, ServiceSource } from './records';
import type { Store } from './store';
import { assertVariables, upsertVariables } from './variables';

export function defaultConfig(): InstanceConfig {
  return {
    builder: 'RAILPACK',
    buildCommand: null,
    startCommand: null,
    preDeployCommand: null,
    rootDirectory: null,
    dockerfilePath: null,
    healthcheckPath: null,
    healthcheckTimeout: null,
    numReplicas: 1,
    region: 'us-west2',
    restartPolicyType: 'ON_FAILURE',
    restartPolicyMaxRetries: 10,
    sleepApplication: false,
    cronSchedule: null,
    watchPatterns: [],
    railwayConfigFile: null,
  };
}

export function normalizeSource(source: unknown): ServiceSource | null {
  if (source === null || source === undefined) return null;
  const { image, repo } = source as { image?: string | null; repo?: string | null };
  if (!image && !repo) return null;
  if (image && repo) throw new Error('A service source is either an image or a repo, not both');
  return { image: image ?? null, repo: repo ?? null };
}

export interface CreateServiceInput {
  projectId: string;
  environmentId?: string | null;
  name?: string | null;
  source?: unknown;
  variables?: unknown;
  config?: Partial<InstanceConfig>;
}

/**
 * Creates the service in every environment of the project. Variables go to the given environment
 * (or all of them); with a source, a deployment starts there.
 */
export function createService(store: Store, input: CreateServiceInput): ServiceRec {
  const project = store.projects.get(input.projectId);
  if (!project) throw new Error('Project not found');
  if (input.environmentId && !project.environmentIds.includes(input.environmentId)) {
    throw new Error('Environment not found');
  }
  const source = normalizeSource(input.source);
  if (input.variables !== undefined && input.variables !== null) assertVariables(input.variables);
  const now = store.now();
  const service: ServiceRec = {
    id: store.newId(),
    name: input.name?.trim() || `service-${store.deps.rng.hex(4)}`,
    projectId: project.id,
    createdAt: now,
    updatedAt: now,
  };
  store.services.set(service.id, service);
  project.serviceIds.push(service.id);
  const targets = input.environmentId ? [input.environmentId] : project.environmentIds;
  for (const environmentId of project.environmentIds) {
    store.instances.set(`${service.id}:${environmentId}`, {
      id: store.newId(),
      serviceId: service.id,
      environmentId,
      source,
      config: { ...defaultConfig(), ...input.config },
      createdAt: now,
      updatedAt: now,
      deploymentIds: [],
    });
  }
  for (const environmentId of targets) {
    if (input.variables) upsertVariables(store, environmentId, service.id, input.variables, false);
    if (source) startDeployment(store, service.id, environmentId, 'deploy');
  }
  return service;
}

const CONFIG_KEYS = Object.keys(defaultConfig()) as (keyof InstanceConfig)[];

/** serviceInstanceUpdate: stages config (and source) changes; Railway deploys them on the next deploy. */
export function updateInstance(
  store: Store,
  serviceId: string,
  environmentId: string | null,
  input: Record<string, unknown>,
): void {
  const service = store.services.get(serviceId);
  if (!service) throw new Error('Service not found');
  const instances = environmentId
    ? [store.instance(serviceId, environmentId)].filter((i) => i !== undefined)
    : store.instancesOfService(service);
  if (instances.length === 0) throw new Error('ServiceInstance not found');
  if (typeof input.numReplicas === 'number' && (input.numReplicas < 0 || input.numReplicas > 50)) {
    throw new Error('numReplicas must be between 0 and 50');
  }
  const source = 'source' in input ? normalizeSource(input.source) : undefined;
  const changes = Object.fromEntries(
    CONFIG_KEYS.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]),
  );
  for (const instance of instances) {
    Object.assign(instance.config, changes);
    if (source !== undefined) instance.source = source;
    instance.updatedAt = store.now();
  }
}

function slug(value: string): string {
  return (
    value
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'app'
  );
}

/** Railway generates one `*.up.railway.app` domain per service instance. */
export function createServiceDomain(
  store: Store,
  serviceId: string,
  environmentId: string,
  targetPort: number | null,
): DomainRec {
  const service = store.services.get(serviceId);
  const environment = store.environments.get(environmentId);
  if (!service) throw new Error('Service not found');
  if (!environment || environment.projectId !== service.projectId) {
    throw new Error('Environment not found');
  }
  if (store.domainOf(serviceId, environmentId)) {
    throw new Error('Service already has a railway-provided domain in this environment');
  }
  let domain: string;
  do {
    domain = `${slug(service.name)}-${slug(environment.name)}-${store.deps.rng.hex(4)}.up.railway.app`;
  } while (store.domainsByName.has(domain));
  const rec: DomainRec = {
    id: store.newId(),
    domain,
    serviceId,
    environmentId,
    projectId: service.projectId,
    targetPort,
    createdAt: store.now(),
  };
  store.addDomain(rec);
  return rec;
}
