import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../index';
import { createApp, DEPLOYMENTS, gql, ok, PHASES, statusOf, UP } from './helpers';

let sim: Simulator;
beforeEach(async () => {
  sim = await createSimulator({ clock: 'manual', rateLimit: false, seedTemplates: false });
});
afterEach(() => sim.close());

const REDEPLOY = `mutation($s: String!, $e: String!) { serviceInstanceDeployV2(serviceId: $s, environmentId: $e) }`;

describe('deployment walk on a manual clock', () => {
  it('walks INITIALIZING → QUEUED → BUILDING → DEPLOYING → SUCCESS only as the clock advances', async () => {
    const app = await createApp(sim);
    const seen: string[] = [await statusOf(sim, app.deploymentId)];
    for (const ms of [PHASES.initializing, PHASES.queued, PHASES.building, PHASES.deploying]) {
      sim.clock.advance(ms - 1);
      expect(await statusOf(sim, app.deploymentId)).toBe(seen.at(-1)); // not a millisecond early
      sim.clock.advance(1);
      seen.push(await statusOf(sim, app.deploymentId));
    }
    expect(seen).toEqual(['INITIALIZING', 'QUEUED', 'BUILDING', 'DEPLOYING', 'SUCCESS']);
    sim.clock.advance(10 * 3_600_000);
    expect(await statusOf(sim, app.deploymentId)).toBe('SUCCESS');
  });

  it('reports updatedAt as the time of the last status change', async () => {
    const app = await createApp(sim);
    sim.clock.advance(UP + 5_000);
    const { deployment } = await ok(
      sim,
      `query($id: String!) { deployment(id: $id) { createdAt updatedAt } }`,
      {
        id: app.deploymentId,
      },
    );
    expect(Date.parse(deployment.updatedAt) - Date.parse(deployment.createdAt)).toBe(UP);
  });

  it('fails in the build when the plan says build-failure', async () => {
    sim.outcomes.set({ serviceName: 'bot' }, { result: 'build-failure' });
    const app = await createApp(sim);
    sim.clock.advance(PHASES.initializing + PHASES.queued + PHASES.building - 1);
    expect(await statusOf(sim, app.deploymentId)).toBe('BUILDING');
    sim.clock.advance(1);
    expect(await statusOf(sim, app.deploymentId)).toBe('FAILED');
    sim.clock.advance(3_600_000);
    expect(await statusOf(sim, app.deploymentId)).toBe('FAILED');
  });

  it('crashes after start when the plan says crash', async () => {
    sim.outcomes.set(
      { projectName: /^crash-/ },
      { result: 'crash', phaseMs: { crashAfter: 10_000 } },
    );
    const app = await createApp(sim, 'crash-1');
    const other = await createApp(sim, 'fine-1');
    sim.clock.advance(UP);
    expect(await statusOf(sim, app.deploymentId)).toBe('SUCCESS');
    sim.clock.advance(10_000);
    expect(await statusOf(sim, app.deploymentId)).toBe('CRASHED');
    expect(await statusOf(sim, other.deploymentId)).toBe('SUCCESS');
  });

  it('uses the plan in force when a deployment starts, not a later one', async () => {
    const app = await createApp(sim);
    sim.outcomes.set({}, { result: 'build-failure' });
    sim.clock.advance(UP);
    expect(await statusOf(sim, app.deploymentId)).toBe('SUCCESS');
  });

  it('rejects an outcome plan it does not understand', () => {
    expect(() => sim.outcomes.set({}, { result: 'explode' as never })).toThrow(/result/);
    expect(() => sim.outcomes.set({}, { result: 'success', phaseMs: { building: -1 } })).toThrow(
      /building/,
    );
  });
});

describe('supersede', () => {
  it('removes the old deployment only once the new one is SUCCESS', async () => {
    const app = await createApp(sim);
    sim.clock.advance(UP);
    const next = (await ok(sim, REDEPLOY, { s: app.serviceId, e: app.environmentId }))
      .serviceInstanceDeployV2;
    sim.clock.advance(UP - 1);
    expect(await statusOf(sim, app.deploymentId)).toBe('SUCCESS');
    expect(await statusOf(sim, next)).toBe('DEPLOYING');
    sim.clock.advance(1);
    expect(await statusOf(sim, next)).toBe('SUCCESS');
    expect(await statusOf(sim, app.deploymentId)).toBe('REMOVED');
  });

  it('keeps the old deployment serving when the new one fails', async () => {
    const app = await createApp(sim);
    sim.clock.advance(UP);
    sim.outcomes.set({}, { result: 'build-failure' });
    const next = (await ok(sim, REDEPLOY, { s: app.serviceId, e: app.environmentId }))
      .serviceInstanceDeployV2;
    sim.clock.advance(UP);
    expect(await statusOf(sim, next)).toBe('FAILED');
    expect(await statusOf(sim, app.deploymentId)).toBe('SUCCESS');
  });

  it('removes an in-progress deployment as soon as a newer one is created', async () => {
    const app = await createApp(sim);
    sim.clock.advance(PHASES.initializing + PHASES.queued + 1);
    expect(await statusOf(sim, app.deploymentId)).toBe('BUILDING');
    const next = (await ok(sim, REDEPLOY, { s: app.serviceId, e: app.environmentId }))
      .serviceInstanceDeployV2;
    expect(await statusOf(sim, app.deploymentId)).toBe('REMOVED');
    sim.clock.advance(UP);
    expect(await statusOf(sim, next)).toBe('SUCCESS');
  });

  it('lists deployments newest first and filters by status', async () => {
    const app = await createApp(sim);
    sim.clock.advance(UP);
    await ok(sim, REDEPLOY, { s: app.serviceId, e: app.environmentId });
    sim.clock.advance(UP);
    const all = (await ok(sim, DEPLOYMENTS, { serviceId: app.serviceId })).deployments.edges;
    expect(all.map((e: { node: { status: string } }) => e.node.status)).toEqual([
      'SUCCESS',
      'REMOVED',
    ]);
    const active = await ok(
      sim,
      `query($s: String!) { deployments(input: { serviceId: $s, status: { in: [SUCCESS] } }) { edges { node { id } } } }`,
      { s: app.serviceId },
    );
    expect(active.deployments.edges).toHaveLength(1);
    expect(active.deployments.edges[0].node.id).not.toBe(app.deploymentId);
  });
});

describe('batched reads', () => {
  const BATCH = `query($d0: String!, $d1: String!) {
    d0: deployment(id: $d0) { id status }
    d1: deployment(id: $d1) { id status }
  }`;

  it('answers many aliased deployment fields in one request', async () => {
    const a = await createApp(sim, 'a');
    const b = await createApp(sim, 'b');
    const data = await ok(sim, BATCH, { d0: a.deploymentId, d1: b.deploymentId });
    expect(data.d0.id).toBe(a.deploymentId);
    expect(data.d1.id).toBe(b.deploymentId);
    expect(sim.counters.byOperation.deployment).toBeGreaterThanOrEqual(1);
    expect(sim.counters.fieldsByOperation.deployment).toBe(
      2 * sim.counters.byOperation.deployment!,
    );
  });

  it('nulls only the alias whose deployment is unknown, with an error pointing at it', async () => {
    const a = await createApp(sim, 'a');
    const res = await gql(sim, BATCH, { d0: a.deploymentId, d1: 'no-such-deployment' });
    expect(res.status).toBe(200);
    expect(res.data.d0).toEqual({ id: a.deploymentId, status: 'INITIALIZING' });
    expect(res.data.d1).toBeNull();
    expect(res.errors).toEqual([
      expect.objectContaining({ message: 'Deployment not found', path: ['d1'] }),
    ]);
  });
});
