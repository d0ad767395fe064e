import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../index';
import { createApp, gql, UP } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await createSimulator({ clock: 'manual', rateLimit: false });
});
afterAll(() => sim.close());

async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sim.baseUrl}/_sim${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & unknown[] };
}

describe('control API', () => {
  it('describes the simulator', async () => {
    const { body } = await control('GET', '/info');
    expect(body).toMatchObject({
      url: sim.url,
      token: sim.token,
      workspaceId: sim.workspaceId,
      templates: sim.templates,
    });
  });

  it('injects and clears faults', async () => {
    const { status, body } = await control('POST', '/faults', {
      kind: '5xx',
      operation: 'projects',
      count: 1,
    });
    expect(status).toBe(201);
    expect((await control('GET', '/faults')).body).toEqual([
      expect.objectContaining({ id: body.id, kind: '5xx' }),
    ]);
    expect((await gql(sim, '{ projects { edges { cursor } } }')).status).toBe(503);
    await control('POST', '/faults', { kind: '5xx' });
    await control('DELETE', '/faults');
    expect((await gql(sim, '{ projects { edges { cursor } } }')).status).toBe(200);
    expect((await control('POST', '/faults', { kind: 'nope' })).status).toBe(400);
  });

  it('sets outcomes (with regex names), advances the clock and reports state and counters', async () => {
    const set = await control('POST', '/outcomes', {
      match: { projectName: { regex: '^doomed' } },
      outcome: { result: 'build-failure' },
    });
    expect(set.status).toBe(201);
    const doomed = await createApp(sim, 'doomed-1');
    const fine = await createApp(sim, 'fine-1');
    const clock = await control('POST', '/clock/advance', { ms: UP });
    expect(clock.body.now).toBe(sim.clock.now());
    const deployments = (await control('GET', `/state/deployments?serviceId=${doomed.serviceId}`))
      .body;
    expect(deployments[0]).toMatchObject({ status: 'FAILED' });
    expect(sim.state.deployments(fine.serviceId)[0]?.status).toBe('SUCCESS');
    const summary = (await control('GET', '/state')).body;
    expect(summary).toMatchObject({
      projects: 4,
      deploymentsByStatus: expect.objectContaining({ FAILED: 1 }),
    });
    await control('DELETE', '/outcomes');
    expect((await control('GET', '/counters')).body.requests).toBe(sim.counters.requests);
    await control('POST', '/counters/reset');
    expect(sim.counters.requests).toBe(0);
    expect(
      (
        await control('POST', '/outcomes', {
          match: { serviceName: { regex: '(' } },
          outcome: { result: 'success' },
        })
      ).status,
    ).toBe(400);
  });

  it('issues project tokens and shows the request log', async () => {
    const t = sim.templates!.single;
    const { body } = await control('POST', '/project-tokens', {
      projectId: t.projectId,
      environmentId: t.environmentId,
    });
    const res = await gql(
      sim,
      'query($id: String!) { project(id: $id) { name } }',
      { id: t.projectId },
      {
        projectToken: body.token as string,
      },
    );
    expect(res.data.project.name).toBe('openclaw-template');
    const log = (await control('GET', '/requests')).body;
    expect(log.at(-1)).toMatchObject({
      operations: ['project'],
      status: 200,
      tokenKind: 'project',
    });
    expect(
      (await control('POST', '/project-tokens', { projectId: 'x', environmentId: 'y' })).status,
    ).toBe(400);
    expect((await control('GET', '/nothing')).status).toBe(404);
  });
});
