import type { Simulator } from '@roundhouse/railway-sdk/simulator';
import type { RailwayPlacement } from './fixtures';

/** Aliased mutations per GraphQL request while seeding (seeding is not what is measured). */
const BATCH = 250;
const IMAGE = 'ghcr.io/openclaw/openclaw:latest';

/**
 * Creates `count` running services in the simulator, each in its own project with a public
 * domain, through its GraphQL API like the clone saga would (projectCreate, serviceCreate with
 * a source, serviceDomainCreate), but BATCH aliased mutations per request so 10,000 take
 * seconds. Their deployments succeed at once (an outcome with zero-length phases), so the
 * domains answer their health checks. Call before resetting the counters.
 */
export async function seedRunningFleet(
  sim: Simulator,
  count: number,
  namePrefix: string,
): Promise<RailwayPlacement[]> {
  sim.outcomes.set(
    { projectName: new RegExp(`^${namePrefix}`) },
    { result: 'success', phaseMs: { initializing: 0, queued: 0, building: 0, deploying: 0 } },
  );
  const placements: RailwayPlacement[] = [];
  for (let start = 0; start < count; start += BATCH) {
    const size = Math.min(BATCH, count - start);
    const names = Array.from({ length: size }, (_, i) => `${namePrefix}${start + i}`);
    const projects = await mutateEach<{ id: string; environments: Environments }>(
      sim,
      'projectCreate',
      'ProjectCreateInput',
      names.map((name) => ({ name, workspaceId: sim.workspaceId })),
      'id environments { edges { node { id } } }',
    );
    const environments = projects.map(({ environments }) => environments.edges[0]!.node.id);
    const services = await mutateEach<{ id: string }>(
      sim,
      'serviceCreate',
      'ServiceCreateInput',
      projects.map((project, i) => ({
        projectId: project.id,
        environmentId: environments[i],
        name: 'openclaw',
        source: { image: IMAGE },
      })),
      'id',
    );
    const domains = await mutateEach<{ domain: string }>(
      sim,
      'serviceDomainCreate',
      'ServiceDomainCreateInput',
      services.map((service, i) => ({ serviceId: service.id, environmentId: environments[i] })),
      'domain',
    );
    projects.forEach((project, i) => {
      const domain = domains[i]!.domain;
      placements.push({
        projectId: project.id,
        environmentId: environments[i]!,
        serviceId: services[i]!.id,
        domain,
        publicUrl: sim.publicUrl(domain),
      });
    });
  }
  return placements;
}

interface Environments {
  edges: { node: { id: string } }[];
}

/** One request: `field(input: $iN) { selection }` aliased once per input, answers in order. */
async function mutateEach<T>(
  sim: Simulator,
  field: string,
  inputType: string,
  inputs: readonly unknown[],
  selection: string,
): Promise<T[]> {
  const declared = inputs.map((_, i) => `$i${i}: ${inputType}!`).join(', ');
  const fields = inputs.map((_, i) => `m${i}: ${field}(input: $i${i}) { ${selection} }`);
  const variables = Object.fromEntries(inputs.map((input, i) => [`i${i}`, input]));
  const response = await fetch(sim.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${sim.token}` },
    body: JSON.stringify({
      query: `mutation Seed(${declared}) { ${fields.join('\n')} }`,
      variables,
    }),
  });
  const body = (await response.json()) as { data?: Record<string, T>; errors?: unknown };
  if (!response.ok || body.errors || !body.data) {
    throw new Error(`seeding ${field}: HTTP ${response.status} ${JSON.stringify(body.errors)}`);
  }
  const data = body.data;
  return inputs.map((_, i) => data[`m${i}`]!);
}
