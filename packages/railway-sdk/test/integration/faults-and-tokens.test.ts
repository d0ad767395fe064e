/**
 * Failures as the saga meets them: a write whose answer is lost surfaces as mayHaveBeenApplied
 * and the object really exists (so the retry adopts it); reads ride out transient faults; project
 * tokens travel in their own header and cannot create projects.
 */
import {
  AuthenticationError,
  NetworkError,
  type RoundhouseError,
  TimeoutError,
} from '@roundhouse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRailwayClient, type ProjectWithEnvironments, type RailwayClient } from '../../src';
import { type StartedSim, startSim } from './sim';

let started: StartedSim;
let railway: RailwayClient;
let project: ProjectWithEnvironments;
const CLIENT_TIMEOUT_MS = 1500;
const HOLD_MS = 4000;

beforeAll(async () => {
  started = await startSim();
  // Short enough to keep the fault tests quick, long enough for an answer on a loaded CI machine;
  // the injected timeouts hold their request well past it.
  railway = started.client({ timeoutMs: CLIENT_TIMEOUT_MS, retry: { baseDelayMs: 10 } });
  project = await started
    .client()
    .createProject({ name: 'faults', workspaceId: started.sim.workspaceId });
});
afterAll(() => started.sim.close());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: RoundhouseError) => error,
  );

describe('write faults', () => {
  it('a serviceCreate that times out surfaces as mayHaveBeenApplied, and the service exists', async () => {
    const { sim } = started;
    sim.faults.inject({ kind: 'timeout', operation: 'serviceCreate', count: 1, holdMs: HOLD_MS });
    sim.counters.reset();
    const input = {
      projectId: project.id,
      environmentId: project.environments[0]!.id,
      name: 'api',
    };
    const error = await failure(railway.createService({ ...input, source: { image: 'nginx' } }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ mayHaveBeenApplied: true });
    expect(sim.counters.byOperation.serviceCreate).toBe(1);
    // The saga's retry looks before creating again, and finds it.
    const adopted = await railway.findServiceByName(project.id, 'api');
    expect(adopted).not.toBeNull();
    expect(sim.state.services(project.id).map((s) => s.name)).toEqual(['api']);
  });

  it('a projectCreate whose response is lost surfaces as mayHaveBeenApplied, and the project exists', async () => {
    const { sim } = started;
    sim.faults.inject({ kind: 'applied-response-lost', operation: 'projectCreate', count: 1 });
    const error = await failure(
      railway.createProject({ name: 'lost-answer', workspaceId: sim.workspaceId }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ mayHaveBeenApplied: true });
    const found = await railway.findProjectByName('lost-answer', sim.workspaceId);
    expect(found?.environments.length).toBeGreaterThan(0);
    expect(sim.state.projects().filter((p) => p.name === 'lost-answer')).toHaveLength(1);
  });

  it('a 5xx on a write is not retried blindly', async () => {
    const { sim } = started;
    sim.faults.inject({ kind: '5xx', operation: 'serviceDomainCreate', count: 1 });
    sim.counters.reset();
    const [service] = sim.state.services(project.id);
    const ref = { serviceId: service!.id, environmentId: project.environments[0]!.id };
    const error = await failure(railway.createServiceDomain(ref));
    expect(error).toMatchObject({ errorClass: 'NETWORK', mayHaveBeenApplied: true });
    expect(sim.counters.byOperation.serviceDomainCreate).toBe(1);
  });
});

describe('read faults', () => {
  it('rides out 5xx and a timeout on reads', async () => {
    const { sim } = started;
    const reader = started.client({ timeoutMs: CLIENT_TIMEOUT_MS, retry: { baseDelayMs: 10 } });
    sim.faults.inject({ kind: '5xx', operation: 'project', count: 2 });
    expect(await reader.findServiceByName(project.id, 'api')).not.toBeNull();
    const timeout = { operation: 'project', count: 1, holdMs: HOLD_MS, applied: false };
    sim.faults.inject({ kind: 'timeout', ...timeout });
    expect(await reader.findServiceByName(project.id, 'api')).not.toBeNull();
    expect(reader.snapshot()).toMatchObject({
      retries: 3,
      byOutcome: { ok: 2, NETWORK: 2, TIMEOUT: 1 },
    });
  });

  it('maps "Not Authorized" and a bad token to AuthenticationError', async () => {
    const { sim } = started;
    sim.faults.inject({
      kind: 'graphql-error',
      operation: 'project',
      count: 1,
      message: 'Not Authorized',
    });
    expect(await failure(railway.findServiceByName(project.id, 'api'))).toBeInstanceOf(
      AuthenticationError,
    );
    const stranger = createRailwayClient({
      endpoint: sim.url,
      token: 'not-a-token',
      rateLimit: 'pro',
    });
    expect(await failure(stranger.findServiceByName(project.id, 'api'))).toBeInstanceOf(
      AuthenticationError,
    );
  });
});

describe('project tokens', () => {
  it('are sent as Project-Access-Token, can read their project, and cannot create projects', async () => {
    const { sim } = started;
    const environmentId = project.environments[0]!.id;
    const token = sim.createProjectToken(project.id, environmentId);
    const scoped = started.client({ token, tokenKind: 'project' });
    const [service] = sim.state.services(project.id);
    await expect(scoped.listDeployments(service!.id, environmentId, 5)).resolves.toBeInstanceOf(
      Array,
    );
    expect(sim.requestLog.at(-1)).toMatchObject({ tokenKind: 'project', status: 200 });

    const error = await failure(
      scoped.createProject({ name: 'not-allowed', workspaceId: sim.workspaceId }),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(sim.state.projects().map((p) => p.name)).not.toContain('not-allowed');

    // The same token as a bearer token is not a workspace token.
    const misused = started.client({ token, tokenKind: 'workspace' });
    expect(await failure(misused.listDeployments(service!.id, environmentId, 5))).toBeInstanceOf(
      AuthenticationError,
    );
  });
});
