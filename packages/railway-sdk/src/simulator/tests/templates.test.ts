import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../index';
import { CREATE_PROJECT, CREATE_SERVICE, ok, UP } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await createSimulator({ clock: 'manual', rateLimit: false });
});
afterAll(() => sim.close());

const TEMPLATE = `query($id: String!) {
  project(id: $id) {
    name
    environments { edges { node { id name serviceInstances { edges { node {
      serviceId serviceName source { image repo } healthcheckPath dockerfilePath
      latestDeployment { status }
      domains { serviceDomains { domain } }
    } } } } } }
  }
}`;
const VARIABLES = `query($p: String!, $e: String!, $s: String, $raw: Boolean) {
  variables(projectId: $p, environmentId: $e, serviceId: $s, unrendered: $raw)
}`;
const DOMAIN = `mutation($s: String!, $e: String!) { serviceDomainCreate(input: { serviceId: $s, environmentId: $e }) { domain } }`;

interface Instance {
  serviceId: string;
  serviceName: string;
  source: { image: string | null; repo: string | null };
  healthcheckPath: string | null;
  latestDeployment: { status: string };
  domains: { serviceDomains: { domain: string }[] };
}

async function instancesOf(projectId: string): Promise<Instance[]> {
  const env = (await ok(sim, TEMPLATE, { id: projectId })).project.environments.edges[0].node;
  return env.serviceInstances.edges.map((e: { node: Instance }) => e.node);
}

describe('seeded templates', () => {
  it('single: the OpenClaw image, deployed and healthy, with a health check path and a token variable', async () => {
    const t = sim.templates!.single;
    const [bot] = await instancesOf(t.projectId);
    expect(bot).toMatchObject({
      serviceName: 'openclaw',
      source: { image: 'ghcr.io/openclaw/openclaw:latest', repo: null },
      healthcheckPath: '/healthz',
      latestDeployment: { status: 'SUCCESS' },
    });
    const raw = (
      await ok(sim, VARIABLES, { p: t.projectId, e: t.environmentId, s: bot!.serviceId, raw: true })
    ).variables;
    expect(Object.keys(raw)).toEqual(expect.arrayContaining(['PORT', 'OPENCLAW_GATEWAY_TOKEN']));
    const domain = bot!.domains.serviceDomains[0]!.domain;
    expect((await fetch(`${sim.publicUrl(domain)}/healthz`)).status).toBe(200);
  });

  it('trading: a core API that finds the chart service through a reference variable', async () => {
    const t = sim.templates!.trading;
    const instances = await instancesOf(t.projectId);
    expect(instances.map((i) => i.serviceName).sort()).toEqual(['chart', 'core-api']);
    const chart = instances.find((i) => i.serviceName === 'chart')!;
    const scope = { p: t.projectId, e: t.environmentId, s: t.serviceIds['core-api'] };
    const raw = (await ok(sim, VARIABLES, { ...scope, raw: true })).variables;
    expect(raw.CHART_SERVICE_URL).toBe('https://${{chart.RAILWAY_PUBLIC_DOMAIN}}');
    const rendered = (await ok(sim, VARIABLES, scope)).variables;
    expect(rendered.CHART_SERVICE_URL).toBe(`https://${chart.domains.serviceDomains[0]!.domain}`);
  });

  it('clone as the saga would: the clone references its own chart service, not the template', async () => {
    const t = sim.templates!.trading;
    const source = await instancesOf(t.projectId);
    const project = (await ok(sim, CREATE_PROJECT, { name: 'clone-1' })).projectCreate;
    const environmentId = project.environments.edges[0].node.id;
    const ids: Record<string, string> = {};
    for (const instance of source) {
      const variables = (
        await ok(sim, VARIABLES, {
          p: t.projectId,
          e: t.environmentId,
          s: instance.serviceId,
          raw: true,
        })
      ).variables;
      const input = {
        projectId: project.id,
        environmentId,
        name: instance.serviceName,
        source: instance.source,
        variables,
      };
      ids[instance.serviceName] = (await ok(sim, CREATE_SERVICE, { input })).serviceCreate.id;
    }
    const chartDomain = (await ok(sim, DOMAIN, { s: ids.chart, e: environmentId }))
      .serviceDomainCreate.domain;
    sim.clock.advance(UP);
    const rendered = (
      await ok(sim, VARIABLES, { p: project.id, e: environmentId, s: ids['core-api'] })
    ).variables;
    expect(rendered.CHART_SERVICE_URL).toBe(`https://${chartDomain}`);
    const cloned = await instancesOf(project.id);
    expect(cloned.map((i) => i.latestDeployment.status)).toEqual(['SUCCESS', 'SUCCESS']);
    expect(sim.state.deployments(ids.chart)).toHaveLength(1); // serviceCreate with a source deploys once
  });
});
