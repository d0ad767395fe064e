import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../index';
import { createApp, CREATE_PROJECT, CREATE_SERVICE, gql, ok, UP } from './helpers';

let sim: Simulator;
beforeEach(async () => {
  sim = await createSimulator({ clock: 'manual', rateLimit: false, seedTemplates: false });
});
afterEach(() => sim.close());

const INSTANCE = `query($s: String!, $e: String!) {
  serviceInstance(serviceId: $s, environmentId: $e) {
    serviceName source { image repo } startCommand healthcheckPath numReplicas region
    latestDeployment { id meta }
  }
}`;
const DEPLOY = `mutation($s: String!, $e: String!) { serviceInstanceDeployV2(serviceId: $s, environmentId: $e) }`;

describe('projects', () => {
  it('are created with a production environment and paginate by cursor', async () => {
    const names = ['p1', 'p2', 'p3'];
    for (const name of names) {
      const { projectCreate } = await ok(sim, CREATE_PROJECT, { name });
      expect(
        projectCreate.environments.edges.map((e: { node: { name: string } }) => e.node.name),
      ).toEqual(['production']);
    }
    const page = `query($after: String) { projects(first: 2, after: $after) { edges { node { name } cursor } pageInfo { hasNextPage endCursor } } }`;
    const first = (await ok(sim, page, {})).projects;
    expect(first.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['p1', 'p2']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await ok(sim, page, { after: first.pageInfo.endCursor })).projects;
    expect(second.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['p3']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('resolve their environment by id', async () => {
    const app = await createApp(sim);
    const { environment } = await ok(
      sim,
      `query($id: String!) { environment(id: $id) { id name projectId } }`,
      {
        id: app.environmentId,
      },
    );
    expect(environment).toEqual({
      id: app.environmentId,
      name: 'production',
      projectId: app.projectId,
    });
  });
});

describe('services', () => {
  it('without a source do not deploy, and cannot be deployed', async () => {
    const { projectCreate } = await ok(sim, CREATE_PROJECT, { name: 'p' });
    const environmentId = projectCreate.environments.edges[0].node.id;
    const service = (
      await ok(sim, CREATE_SERVICE, {
        input: { projectId: projectCreate.id, environmentId, name: 'empty' },
      })
    ).serviceCreate;
    expect(sim.state.deployments(service.id)).toEqual([]);
    const res = await gql(sim, DEPLOY, { s: service.id, e: environmentId });
    expect(res.errors?.[0]?.message).toBe('Service has no source to deploy');
  });

  it('reject a source that is both an image and a repo, creating nothing', async () => {
    const { projectCreate } = await ok(sim, CREATE_PROJECT, { name: 'p' });
    const res = await gql(sim, CREATE_SERVICE, {
      input: { projectId: projectCreate.id, name: 'both', source: { image: 'a:1', repo: 'o/r' } },
    });
    expect(res.errors?.[0]?.message).toMatch(/either an image or a repo/);
    expect(sim.state.services(projectCreate.id)).toEqual([]);
  });

  it('stage config changes that the next deployment picks up', async () => {
    const app = await createApp(sim);
    sim.clock.advance(UP);
    const update = `mutation($s: String!, $e: String!, $input: ServiceInstanceUpdateInput!) {
      serviceInstanceUpdate(serviceId: $s, environmentId: $e, input: $input)
    }`;
    const input = {
      startCommand: 'node server.js',
      healthcheckPath: '/healthz',
      numReplicas: 2,
      region: 'europe-west4',
    };
    await ok(sim, update, { s: app.serviceId, e: app.environmentId, input });
    expect(sim.state.deployments(app.serviceId)).toHaveLength(1); // no deploy on update
    const id = (await ok(sim, DEPLOY, { s: app.serviceId, e: app.environmentId }))
      .serviceInstanceDeployV2;
    const { serviceInstance } = await ok(sim, INSTANCE, { s: app.serviceId, e: app.environmentId });
    expect(serviceInstance).toMatchObject({
      serviceName: 'bot',
      ...input,
      source: { image: 'ghcr.io/openclaw/openclaw:latest', repo: null },
    });
    expect(serviceInstance.latestDeployment.id).toBe(id);
    expect(serviceInstance.latestDeployment.meta.serviceManifest.deploy).toMatchObject({
      startCommand: 'node server.js',
      numReplicas: 2,
    });
    const bad = await gql(sim, update, {
      s: app.serviceId,
      e: app.environmentId,
      input: { numReplicas: -1 },
    });
    expect(bad.errors?.[0]?.message).toMatch(/numReplicas/);
  });
});

describe('real clock', () => {
  it('finishes a deployment within a second by default', async () => {
    const real = await createSimulator({ rateLimit: false, seedTemplates: false });
    try {
      const app = await createApp(real);
      const deadline = Date.now() + 3_000;
      let status = '';
      while (status !== 'SUCCESS' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        status = real.state.deployments(app.serviceId)[0]!.status;
      }
      expect(status).toBe('SUCCESS');
    } finally {
      await real.close();
    }
  });
});
