import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../index';
import { createApp, DEPLOYMENT, gql, ok, PHASES, statusOf, UP, type NewApp } from './helpers';

let sim: Simulator;
beforeEach(async () => {
  sim = await createSimulator({ clock: 'manual', rateLimit: false, seedTemplates: false });
});
afterEach(() => sim.close());

const mutate = (name: string) => `mutation($id: String!) { ${name}(id: $id) }`;
const REDEPLOY = `mutation($id: String!) { deploymentRedeploy(id: $id) { id status meta } }`;

/** An app whose first deployment succeeded and was then superseded by a second, also successful. */
async function twoDeployments(): Promise<NewApp & { second: string }> {
  const app = await createApp(sim);
  sim.clock.advance(UP);
  const second = (await ok(sim, REDEPLOY, { id: app.deploymentId })).deploymentRedeploy.id;
  sim.clock.advance(UP);
  return { ...app, second };
}

async function canRollback(id: string): Promise<boolean> {
  return (await ok(sim, DEPLOYMENT, { id })).deployment.canRollback;
}

describe('rollback', () => {
  it('is offered for a previous successful deployment, not for the active one', async () => {
    const app = await twoDeployments();
    expect(await canRollback(app.deploymentId)).toBe(true);
    expect(await canRollback(app.second)).toBe(false);
  });

  it('starts a new deployment from the retained image, skipping the build, and it becomes active', async () => {
    const app = await twoDeployments();
    expect(
      (await ok(sim, mutate('deploymentRollback'), { id: app.deploymentId })).deploymentRollback,
    ).toBe(true);
    const list = sim.state.deployments(app.serviceId).sort((a, b) => b.createdAt - a.createdAt);
    const rollback = list.find((d) => d.reason === 'rollback')!;
    const { deployment } = await ok(sim, DEPLOYMENT, { id: rollback.id });
    expect(deployment.meta.rollbackTargetDeploymentId).toBe(app.deploymentId);
    sim.clock.advance(PHASES.initializing + PHASES.queued);
    expect(await statusOf(sim, rollback.id)).toBe('DEPLOYING'); // no BUILDING phase
    sim.clock.advance(PHASES.deploying);
    expect(await statusOf(sim, rollback.id)).toBe('SUCCESS');
    expect(await statusOf(sim, app.second)).toBe('REMOVED');
    expect(await canRollback(app.second)).toBe(true);
  });

  it('is refused when there is nothing to roll back to, or the image has expired', async () => {
    const app = await createApp(sim);
    sim.clock.advance(UP);
    const res = await gql(sim, mutate('deploymentRollback'), { id: app.deploymentId });
    expect(res.errors?.[0]?.message).toBe('Deployment cannot be rolled back');
    const older = await twoDeployments();
    sim.clock.advance(8 * 24 * 3_600_000); // past the 7-day image retention
    expect(await canRollback(older.deploymentId)).toBe(false);
    const expired = await gql(sim, mutate('deploymentRollback'), { id: older.deploymentId });
    expect(expired.errors?.[0]?.message).toBe('Deployment cannot be rolled back');
  });
});

describe('restart', () => {
  it('restarts the same deployment: DEPLOYING again, then SUCCESS, with no new deployment', async () => {
    const app = await createApp(sim);
    sim.clock.advance(UP);
    expect(
      (await ok(sim, mutate('deploymentRestart'), { id: app.deploymentId })).deploymentRestart,
    ).toBe(true);
    expect(await statusOf(sim, app.deploymentId)).toBe('DEPLOYING');
    sim.clock.advance(PHASES.deploying);
    expect(await statusOf(sim, app.deploymentId)).toBe('SUCCESS');
    expect(sim.state.deployments(app.serviceId)).toHaveLength(1);
  });

  it('brings a crashed deployment back up (until it crashes again)', async () => {
    sim.outcomes.set({}, { result: 'crash', phaseMs: { crashAfter: 1_000 } });
    const app = await createApp(sim);
    sim.clock.advance(UP + 1_000);
    expect(await statusOf(sim, app.deploymentId)).toBe('CRASHED');
    await ok(sim, mutate('deploymentRestart'), { id: app.deploymentId });
    sim.clock.advance(PHASES.deploying);
    expect(await statusOf(sim, app.deploymentId)).toBe('SUCCESS');
    sim.clock.advance(1_000);
    expect(await statusOf(sim, app.deploymentId)).toBe('CRASHED');
  });

  it('is refused while the deployment is still building', async () => {
    const app = await createApp(sim);
    const res = await gql(sim, mutate('deploymentRestart'), { id: app.deploymentId });
    expect(res.errors?.[0]?.message).toMatch(/cannot be restarted/);
  });
});

describe('cancel', () => {
  it('removes a deployment that is still in progress', async () => {
    const app = await createApp(sim);
    sim.clock.advance(PHASES.initializing + PHASES.queued + 1);
    expect(
      (await ok(sim, mutate('deploymentCancel'), { id: app.deploymentId })).deploymentCancel,
    ).toBe(true);
    expect(await statusOf(sim, app.deploymentId)).toBe('REMOVED');
    sim.clock.advance(UP);
    expect(await statusOf(sim, app.deploymentId)).toBe('REMOVED');
  });

  it('is refused once the deployment is terminal', async () => {
    const app = await createApp(sim);
    sim.clock.advance(UP);
    const res = await gql(sim, mutate('deploymentCancel'), { id: app.deploymentId });
    expect(res.errors?.[0]?.message).toBe('Deployment cannot be cancelled while SUCCESS');
    expect(await statusOf(sim, app.deploymentId)).toBe('SUCCESS');
  });

  it('of a new deployment leaves the old one serving', async () => {
    const app = await createApp(sim);
    sim.clock.advance(UP);
    const next = (await ok(sim, REDEPLOY, { id: app.deploymentId })).deploymentRedeploy.id;
    await ok(sim, mutate('deploymentCancel'), { id: next });
    sim.clock.advance(UP);
    expect(await statusOf(sim, app.deploymentId)).toBe('SUCCESS');
  });
});

describe('stop', () => {
  it('stops the containers: deploymentStopped, the domain stops answering, a second stop is refused', async () => {
    const app = await createApp(sim);
    const domain = (
      await ok(
        sim,
        `mutation($s: String!, $e: String!) { serviceDomainCreate(input: { serviceId: $s, environmentId: $e }) { domain } }`,
        {
          s: app.serviceId,
          e: app.environmentId,
        },
      )
    ).serviceDomainCreate.domain;
    sim.clock.advance(UP);
    expect((await fetch(`${sim.publicUrl(domain)}/healthz`)).status).toBe(200);
    expect((await ok(sim, mutate('deploymentStop'), { id: app.deploymentId })).deploymentStop).toBe(
      true,
    );
    expect(sim.state.deployments(app.serviceId)[0]).toMatchObject({
      status: 'SUCCESS',
      stopped: true,
    });
    expect((await fetch(`${sim.publicUrl(domain)}/healthz`)).status).toBe(503);
    const again = await gql(sim, mutate('deploymentStop'), { id: app.deploymentId });
    expect(again.errors?.[0]?.message).toMatch(/cannot be stopped/);
  });
});

describe('redeploy', () => {
  it('creates a new deployment from the same source that builds again and supersedes the old one', async () => {
    const app = await createApp(sim);
    sim.clock.advance(UP);
    const { deploymentRedeploy } = await ok(sim, REDEPLOY, { id: app.deploymentId });
    expect(deploymentRedeploy.id).not.toBe(app.deploymentId);
    expect(deploymentRedeploy.status).toBe('INITIALIZING');
    expect(deploymentRedeploy.meta).toMatchObject({
      reason: 'redeploy',
      image: 'ghcr.io/openclaw/openclaw:latest',
      redeployedFromDeploymentId: app.deploymentId,
    });
    sim.clock.advance(PHASES.initializing + PHASES.queued);
    expect(await statusOf(sim, deploymentRedeploy.id)).toBe('BUILDING');
    sim.clock.advance(UP);
    expect(await statusOf(sim, app.deploymentId)).toBe('REMOVED');
  });
});

describe('projectDelete', () => {
  it('makes the project and everything in it disappear', async () => {
    const app = await createApp(sim);
    const domain = (
      await ok(
        sim,
        `mutation($s: String!, $e: String!) { serviceDomainCreate(input: { serviceId: $s, environmentId: $e }) { domain } }`,
        {
          s: app.serviceId,
          e: app.environmentId,
        },
      )
    ).serviceDomainCreate.domain;
    sim.clock.advance(UP);
    expect((await ok(sim, mutate('projectDelete'), { id: app.projectId })).projectDelete).toBe(
      true,
    );
    const project = await gql(sim, `query($id: String!) { project(id: $id) { id } }`, {
      id: app.projectId,
    });
    expect(project.errors?.[0]?.message).toBe('Project not found');
    const service = await gql(sim, `query($id: String!) { service(id: $id) { id } }`, {
      id: app.serviceId,
    });
    expect(service.errors?.[0]?.message).toBe('Service not found');
    const deployment = await gql(sim, DEPLOYMENT, { id: app.deploymentId });
    expect(deployment.errors?.[0]?.message).toBe('Deployment not found');
    const again = await gql(sim, mutate('projectDelete'), { id: app.projectId });
    expect(again.errors?.[0]?.message).toBe('Project not found');
    expect((await fetch(`${sim.publicUrl(domain)}/healthz`)).status).toBe(404);
    expect(sim.state.summary()).toMatchObject({
      projects: 0,
      services: 0,
      deployments: 0,
      domains: 0,
    });
  });
});
