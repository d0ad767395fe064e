import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../index';
import { createApp, CREATE_SERVICE, gql, ok, UP } from './helpers';

let sim: Simulator;
beforeEach(async () => {
  sim = await createSimulator({ clock: 'manual', rateLimit: false, seedTemplates: false });
});
afterEach(() => sim.close());

const VARIABLES = `query($p: String!, $e: String!, $s: String, $raw: Boolean) {
  variables(projectId: $p, environmentId: $e, serviceId: $s, unrendered: $raw)
}`;
const UPSERT = `mutation($input: VariableCollectionUpsertInput!) { variableCollectionUpsert(input: $input) }`;

describe('reference variables', () => {
  it('resolve between services, shared variables and the same service when rendered; stay raw when unrendered', async () => {
    const app = await createApp(sim);
    const chart = (
      await ok(sim, CREATE_SERVICE, {
        input: { projectId: app.projectId, environmentId: app.environmentId, name: 'chart' },
      })
    ).serviceCreate;
    const domain = (
      await ok(
        sim,
        `mutation($s: String!, $e: String!) { serviceDomainCreate(input: { serviceId: $s, environmentId: $e }) { domain } }`,
        {
          s: chart.id,
          e: app.environmentId,
        },
      )
    ).serviceDomainCreate.domain;
    await ok(sim, UPSERT, {
      input: {
        projectId: app.projectId,
        environmentId: app.environmentId,
        variables: { REGION: 'eu' },
      },
    });
    const refs = {
      CHART_SERVICE_URL: 'https://${{chart.RAILWAY_PUBLIC_DOMAIN}}',
      REGION_COPY: '${{ shared.REGION }}',
      SELF: '${{PORT}}-${{ RAILWAY_SERVICE_NAME }}',
      MISSING: '[${{ nobody.NOTHING }}]',
    };
    await ok(sim, UPSERT, {
      input: {
        projectId: app.projectId,
        environmentId: app.environmentId,
        serviceId: app.serviceId,
        variables: refs,
      },
    });
    const scope = { p: app.projectId, e: app.environmentId, s: app.serviceId };
    const rendered = (await ok(sim, VARIABLES, scope)).variables;
    expect(rendered).toMatchObject({
      CHART_SERVICE_URL: `https://${domain}`,
      REGION_COPY: 'eu',
      SELF: '8080-bot',
      MISSING: '[]',
      RAILWAY_PROJECT_ID: app.projectId,
      RAILWAY_ENVIRONMENT_ID: app.environmentId,
      RAILWAY_SERVICE_ID: app.serviceId,
      RAILWAY_PRIVATE_DOMAIN: 'bot.railway.internal',
    });
    expect(rendered.RAILWAY_PUBLIC_DOMAIN).toBeUndefined(); // bot has no domain yet
    const raw = (await ok(sim, VARIABLES, { ...scope, raw: true })).variables;
    expect(raw).toEqual({ PORT: '8080', BOT_TOKEN: 'tok-123456', ...refs });
    const shared = (await ok(sim, VARIABLES, { p: app.projectId, e: app.environmentId })).variables;
    expect(shared).toEqual({ REGION: 'eu' });
  });
});

describe('variableCollectionUpsert', () => {
  it('starts a deployment with the new values unless skipDeploys', async () => {
    const app = await createApp(sim);
    sim.clock.advance(UP);
    const scope = {
      projectId: app.projectId,
      environmentId: app.environmentId,
      serviceId: app.serviceId,
    };
    await ok(sim, UPSERT, { input: { ...scope, variables: { A: '1' }, skipDeploys: true } });
    expect(sim.state.deployments(app.serviceId)).toHaveLength(1);
    await ok(sim, UPSERT, { input: { ...scope, variables: { A: '2' } } });
    const deployments = sim.state.deployments(app.serviceId);
    expect(deployments).toHaveLength(2);
    expect(deployments[1]).toMatchObject({ reason: 'variables', status: 'INITIALIZING' });
  });

  it('merges by default and deletes what is missing with replace: true', async () => {
    const app = await createApp(sim);
    const scope = {
      projectId: app.projectId,
      environmentId: app.environmentId,
      serviceId: app.serviceId,
    };
    await ok(sim, UPSERT, { input: { ...scope, variables: { EXTRA: 'x' }, skipDeploys: true } });
    expect(sim.state.variables(app.environmentId, app.serviceId)).toEqual({
      PORT: '8080',
      BOT_TOKEN: 'tok-123456',
      EXTRA: 'x',
    });
    await ok(sim, UPSERT, {
      input: { ...scope, variables: { ONLY: 'y' }, replace: true, skipDeploys: true },
    });
    expect(sim.state.variables(app.environmentId, app.serviceId)).toEqual({ ONLY: 'y' });
  });

  it('rejects non-string values and changes nothing', async () => {
    const app = await createApp(sim);
    const before = sim.state.variables(app.environmentId, app.serviceId);
    const scope = {
      projectId: app.projectId,
      environmentId: app.environmentId,
      serviceId: app.serviceId,
    };
    const res = await gql(sim, UPSERT, { input: { ...scope, variables: { GOOD: 'ok', BAD: 42 } } });
    expect(res.errors?.[0]?.message).toMatch(/BAD must be a string/);
    expect(sim.state.variables(app.environmentId, app.serviceId)).toEqual(before);
    expect(sim.state.deployments(app.serviceId)).toHaveLength(1);
  });

  it('refuses a service from another project', async () => {
    const a = await createApp(sim, 'a');
    const b = await createApp(sim, 'b');
    const res = await gql(sim, UPSERT, {
      input: {
        projectId: a.projectId,
        environmentId: a.environmentId,
        serviceId: b.serviceId,
        variables: { X: '1' },
      },
    });
    expect(res.errors?.[0]?.message).toBe('Service not found');
    expect(sim.state.variables(a.environmentId, b.serviceId)).toEqual({});
  });
});
