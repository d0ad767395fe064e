import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../index';
import { createApp, CREATE_PROJECT, CREATE_SERVICE, gql, type NewApp } from './helpers';

let sim: Simulator;
let app: NewApp;
beforeEach(async () => {
  sim = await createSimulator({ clock: 'manual', rateLimit: false, seedTemplates: false });
  app = await createApp(sim);
});
afterEach(() => sim.close());

const PROJECT = `query($id: String!) { project(id: $id) { id name } }`;
const notAuthorized = [expect.objectContaining({ message: 'Not Authorized' })];

describe('workspace tokens', () => {
  it('answer HTTP 200 with "Not Authorized" when the token is missing or unknown', async () => {
    for (const auth of ['none', { bearer: 'not-a-token' }] as const) {
      const res = await gql(sim, PROJECT, { id: app.projectId }, auth);
      expect(res.status).toBe(200);
      expect(res.data).toBeNull();
      expect(res.errors).toEqual(notAuthorized);
    }
    expect(sim.counters.unauthorized).toBe(2);
  });

  it('see only their own workspace', async () => {
    const other = sim.createWorkspace('other');
    const res = await gql(sim, PROJECT, { id: app.projectId }, { bearer: other.token });
    expect(res.errors).toEqual(notAuthorized);
    const list = await gql(sim, `{ projects { edges { node { id } } } }`, undefined, {
      bearer: other.token,
    });
    expect(list.data.projects.edges).toEqual([]);
    const foreign = await gql(
      sim,
      `query($w: String) { projects(workspaceId: $w) { edges { node { id } } } }`,
      {
        w: sim.workspaceId,
      },
      { bearer: other.token },
    );
    expect(foreign.errors).toEqual(notAuthorized);
    const created = await gql(sim, CREATE_PROJECT, { name: 'theirs' }, { bearer: other.token });
    expect(
      sim.state.projects().find((p) => p.id === created.data.projectCreate.id)?.workspaceId,
    ).toBe(other.workspaceId);
  });
});

describe('project tokens', () => {
  it('work within their project environment, sent as Project-Access-Token', async () => {
    const token = sim.createProjectToken(app.projectId, app.environmentId);
    const res = await gql(sim, PROJECT, { id: app.projectId }, { projectToken: token });
    expect(res.data.project.id).toBe(app.projectId);
    const service = await gql(
      sim,
      CREATE_SERVICE,
      {
        input: { projectId: app.projectId, environmentId: app.environmentId, name: 'worker' },
      },
      { projectToken: token },
    );
    expect(service.errors).toBeUndefined();
    const vars = await gql(
      sim,
      `query($p: String!, $e: String!, $s: String) { variables(projectId: $p, environmentId: $e, serviceId: $s) }`,
      {
        p: app.projectId,
        e: app.environmentId,
        s: app.serviceId,
      },
      { projectToken: token },
    );
    expect(vars.data.variables.BOT_TOKEN).toBe('tok-123456');
  });

  it('cannot create or delete projects, nor see other projects', async () => {
    const token = sim.createProjectToken(app.projectId, app.environmentId);
    const other = await createApp(sim, 'other');
    const auth = { projectToken: token };
    expect((await gql(sim, CREATE_PROJECT, { name: 'nope' }, auth)).errors).toEqual(notAuthorized);
    expect(
      (
        await gql(
          sim,
          `mutation($id: String!) { projectDelete(id: $id) }`,
          { id: app.projectId },
          auth,
        )
      ).errors,
    ).toEqual(notAuthorized);
    expect((await gql(sim, PROJECT, { id: other.projectId }, auth)).errors).toEqual(notAuthorized);
    const dep = await gql(
      sim,
      `query($id: String!) { deployment(id: $id) { id } }`,
      { id: other.deploymentId },
      auth,
    );
    expect(dep.errors).toEqual([
      expect.objectContaining({ message: 'Not Authorized', path: ['deployment'] }),
    ]);
    expect(
      sim.state
        .projects()
        .map((p) => p.name)
        .sort(),
    ).toEqual(['app', 'other']);
  });

  it('are not accepted as a Bearer token', async () => {
    const token = sim.createProjectToken(app.projectId, app.environmentId);
    const res = await gql(sim, PROJECT, { id: app.projectId }, { bearer: token });
    expect(res.errors).toEqual(notAuthorized);
    expect(sim.requestLog.at(-1)?.tokenKind).toBe('invalid');
  });
});
