/**
 * Every client method against the simulator, in the order the clone saga and the lifecycle jobs
 * use them: read the template, create project + services + domain, watch the deployment, read
 * logs and variables, then redeploy, roll back, restart, stop, cancel and delete.
 */
import { ResourceError } from '@roundhouse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Deployment,
  ProjectWithEnvironments,
  RailwayClient,
  RailwayTemplate,
  Service,
} from '../../src';
import { type StartedSim, startSim, waitFor } from './sim';

let started: StartedSim;
let railway: RailwayClient;
let template: RailwayTemplate;
let project: ProjectWithEnvironments;
const services: Record<string, Service> = {};
const env = () => project.environments[0]!.id;

async function settle(deploymentId: string): Promise<Deployment> {
  const statuses = await waitFor(
    () => railway.getDeploymentStatuses([deploymentId]),
    (map) =>
      ['SUCCESS', 'FAILED', 'CRASHED', 'REMOVED'].includes(map.get(deploymentId)?.status ?? ''),
  );
  return statuses.get(deploymentId)!;
}

beforeAll(async () => {
  started = await startSim();
  railway = started.client();
});
afterAll(() => started.sim.close());

describe('clone flow against the simulator', () => {
  it('reads a multi-service template in two requests', async () => {
    const { sim } = started;
    sim.counters.reset();
    template = await railway.getTemplate(sim.templates!.trading.projectId);
    expect(sim.counters.requests).toBe(2);
    expect(template.environment.name).toBe('production');
    expect(template.services.map((service) => service.name).sort()).toEqual(['chart', 'core-api']);
    const api = template.services.find((service) => service.name === 'core-api')!;
    expect(api.variables.CHART_SERVICE_URL).toBe('https://${{chart.RAILWAY_PUBLIC_DOMAIN}}');
    expect(api.source?.repo).toBeTruthy();
    expect(api.config).toMatchObject({ healthcheckPath: '/health', numReplicas: 1 });
    expect(api.domains[0]?.domain).toMatch(/\.up\.railway\.app$/);
  });

  it('creates the project with its environments in one request and finds it by name', async () => {
    const { sim } = started;
    sim.counters.reset();
    project = await railway.createProject({ name: 'rh-instance-1', workspaceId: sim.workspaceId });
    expect(sim.counters.requests).toBe(1);
    expect(project.environments.map((e) => e.name)).toEqual(['production']);
    expect((await railway.findProjectByName('rh-instance-1', sim.workspaceId))?.id).toBe(
      project.id,
    );
    expect(await railway.findProjectByName('rh-instance-404', sim.workspaceId)).toBeNull();
  });

  it('creates each service with source and variables in one request, which starts its deployment', async () => {
    const { sim } = started;
    for (const service of template.services) {
      sim.counters.reset();
      services[service.name] = await railway.createService({
        projectId: project.id,
        environmentId: env(),
        name: service.name,
        ...(service.source ? { source: service.source } : {}),
        variables: service.variables,
      });
      expect(sim.counters.requests).toBe(1);
      await railway.updateServiceInstance({
        serviceId: services[service.name]!.id,
        environmentId: env(),
        config: service.config,
      });
    }
    expect((await railway.findServiceByName(project.id, 'chart'))?.id).toBe(services.chart!.id);
    expect(await railway.findServiceByName(project.id, 'nope')).toBeNull();
    const deployments = await railway.listDeployments(services['core-api']!.id, env(), 5);
    expect(deployments).toHaveLength(1);
    expect((await settle(deployments[0]!.id)).status).toBe('SUCCESS');
  });

  it('creates a domain, lists it, and the instance answers at its public URL', async () => {
    const ref = { serviceId: services['core-api']!.id, environmentId: env() };
    const domain = await railway.createServiceDomain(ref);
    const listed = await railway.listServiceDomains({ ...ref, projectId: project.id });
    expect(listed.map((d) => d.domain)).toEqual([domain.domain]);
    const url = railway.publicUrlFor(domain.domain);
    expect(url).toBe(started.sim.publicUrl(domain.domain));
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
  });

  it('reads variables unrendered and rendered', async () => {
    const scope = {
      projectId: project.id,
      environmentId: env(),
      serviceId: services['core-api']!.id,
    };
    const raw = await railway.getVariables({ ...scope, unrendered: true });
    expect(raw.CHART_SERVICE_URL).toBe('https://${{chart.RAILWAY_PUBLIC_DOMAIN}}');
    const rendered = await railway.getVariables(scope);
    expect(rendered.CHART_SERVICE_URL).not.toContain('${{');
  });

  it('reads build and deploy logs, incrementally and batched', async () => {
    const [latest] = await railway.listDeployments(services['core-api']!.id, env(), 1);
    const build = await railway.getLogs({ deploymentId: latest!.id, kind: 'build' });
    const deploy = await railway.getLogs({ deploymentId: latest!.id, kind: 'deploy' });
    expect(build.length).toBeGreaterThan(0);
    expect(deploy.length).toBeGreaterThan(0);
    const last = build.at(-1)!;
    const newer = await railway.getLogs({
      deploymentId: latest!.id,
      kind: 'build',
      since: last.timestamp,
    });
    expect(newer.length).toBeLessThan(build.length);
    expect(newer.every((line) => line.timestamp >= last.timestamp)).toBe(true);

    const [chartDeployment] = await railway.listDeployments(services.chart!.id, env(), 1);
    started.sim.counters.reset();
    const batch = await railway.getLogsBatch([
      { deploymentId: latest!.id, kind: 'build', limit: 2 },
      { deploymentId: chartDeployment!.id, kind: 'deploy' },
      { deploymentId: 'no-such-deployment', kind: 'deploy' },
    ]);
    expect(started.sim.counters.requests).toBe(1);
    expect(batch[0]!.logs).toHaveLength(2);
    expect(batch[1]!.logs!.length).toBeGreaterThan(0);
    expect(batch[2]!.logs).toBeNull();
  });
});

describe('lifecycle against the simulator', () => {
  const ref = () => ({ serviceId: services['core-api']!.id, environmentId: env() });

  it('upserts variables: skipDeploys starts nothing, a plain upsert redeploys, replace drops the rest', async () => {
    const before = await railway.listDeployments(ref().serviceId, env(), 20);
    const scope = { projectId: project.id, ...ref() };
    await railway.upsertVariables({ ...scope, variables: { FEATURE: 'on' }, skipDeploys: true });
    expect(await railway.listDeployments(ref().serviceId, env(), 20)).toHaveLength(before.length);
    await railway.upsertVariables({ ...scope, variables: { FEATURE: 'off' } });
    const after = await railway.listDeployments(ref().serviceId, env(), 20);
    expect(after).toHaveLength(before.length + 1);
    await settle(after[0]!.id);
    await railway.upsertVariables({
      ...scope,
      variables: { ONLY: '1' },
      replace: true,
      skipDeploys: true,
    });
    expect(await railway.getVariables({ ...scope, unrendered: true })).toEqual({ ONLY: '1' });
  });

  it('deploys, rolls back to a superseded deployment, and refuses an illegal rollback', async () => {
    const deploymentId = await railway.deployService(ref());
    expect((await settle(deploymentId)).status).toBe('SUCCESS');
    const history = await railway.listDeployments(ref().serviceId, env(), 20);
    const previous = history.find((d) => d.id !== deploymentId && d.canRollback);
    expect(previous).toBeDefined();
    await expect(railway.rollback(deploymentId)).rejects.toMatchObject({
      errorClass: 'RESOURCE',
      reason: 'ILLEGAL_TRANSITION',
    });
    await railway.rollback(previous!.id);
    const [rolledBack] = await railway.listDeployments(ref().serviceId, env(), 1);
    expect(rolledBack!.id).not.toBe(deploymentId);
    expect((await settle(rolledBack!.id)).status).toBe('SUCCESS');
  });

  it('redeploys and cancels the redeploy while it builds', async () => {
    const [active] = await railway.listDeployments(ref().serviceId, env(), 1);
    const redeploy = await railway.redeploy(active!.id);
    expect(redeploy.id).not.toBe(active!.id);
    await railway.cancel(redeploy.id);
    expect((await settle(redeploy.id)).status).toBe('REMOVED');
  });

  it('restarts and stops the running deployment; a second stop is an illegal transition', async () => {
    const history = await railway.listDeployments(ref().serviceId, env(), 20);
    const active = history.find((d) => d.status === 'SUCCESS');
    await railway.restart(active!.id);
    expect((await railway.getDeployment(active!.id)).status).toBe('DEPLOYING');
    expect((await settle(active!.id)).status).toBe('SUCCESS');
    await railway.stop(active!.id);
    await expect(railway.stop(active!.id)).rejects.toMatchObject({ reason: 'ILLEGAL_TRANSITION' });
  });

  it('reports a missing deployment as NOT_FOUND', async () => {
    const error = await railway.getDeployment('no-such-deployment').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceError);
    expect(error).toMatchObject({ reason: 'NOT_FOUND' });
  });

  it('deletes the project', async () => {
    await railway.deleteProject(project.id);
    expect(started.sim.state.projects().map((p) => p.id)).not.toContain(project.id);
    expect(await railway.findProjectByName('rh-instance-1', started.sim.workspaceId)).toBeNull();
  });
});
