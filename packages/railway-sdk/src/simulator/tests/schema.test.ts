import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../index';
import { SDL_PATH } from '../schema';
import { gql } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await createSimulator({ rateLimit: false, seedTemplates: false });
});
afterAll(() => sim.close());

describe('schema', () => {
  it('serves the pruned SDL with every root field the client relies on', () => {
    const schema = buildSchema(readFileSync(SDL_PATH, 'utf8'));
    const queries = Object.keys(schema.getQueryType()!.getFields());
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    expect(queries).toEqual(
      expect.arrayContaining([
        'project',
        'projects',
        'service',
        'deployment',
        'deployments',
        'buildLogs',
        'deploymentLogs',
        'domains',
        'variables',
      ]),
    );
    expect(mutations).toEqual(
      expect.arrayContaining([
        'projectCreate',
        'projectDelete',
        'serviceCreate',
        'serviceDomainCreate',
        'serviceInstanceDeployV2',
        'serviceInstanceUpdate',
        'deploymentRedeploy',
        'deploymentRestart',
        'deploymentRollback',
        'deploymentCancel',
        'deploymentStop',
        'variableCollectionUpsert',
      ]),
    );
  });

  it.each([
    ['an unknown field', '{ project(id: "x") { id nope } }'],
    ['a missing required argument', '{ project { id } }'],
    ['a wrong argument type', '{ buildLogs(deploymentId: "x", limit: "ten") { message } }'],
    ['a syntax error', '{ project(id: "x") { id '],
    ['a field outside the pruned schema', '{ me { id } }'],
    [
      'an invalid DateTime literal',
      '{ buildLogs(deploymentId: "x", startDate: "yesterday") { message } }',
    ],
  ])('rejects %s with HTTP 400 and errors', async (_, query) => {
    const res = await gql(sim, query);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toEqual(expect.any(String));
    expect(res.data).toBeUndefined();
  });

  it('rejects variables that do not fit their types with HTTP 400', async () => {
    const res = await gql(sim, 'query($id: String!) { project(id: $id) { id } }', {});
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/\$id/);
  });

  it('counts invalid documents and executes nothing', async () => {
    const before = sim.state.summary().projects;
    await gql(sim, 'mutation { projectCreate(input: { name: 1 }) { id } }');
    expect(sim.state.summary().projects).toBe(before);
    expect(sim.counters.invalidDocuments).toBeGreaterThan(0);
  });

  it('answers 405 to anything but POST', async () => {
    expect((await fetch(sim.url)).status).toBe(405);
  });
});
