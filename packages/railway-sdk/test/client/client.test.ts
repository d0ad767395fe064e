import {
  AuthenticationError,
  ConfigurationError,
  NetworkError,
  ResourceError,
  TimeoutError,
} from '@roundhouse/core';
import { describe, expect, it } from 'vitest';
import { createRailwayClient, type RailwayClientEvent, type RailwayClientOptions } from '../../src';
import { fakeFetch, type Handler, json } from '../helpers/fake-fetch';

const deployment = {
  id: 'dep-1',
  status: 'BUILDING',
  canRollback: false,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  url: null,
  staticUrl: null,
  serviceId: 'svc',
  environmentId: 'env',
  projectId: 'prj',
  meta: null,
};

const noWait = { sleep: async () => {}, random: () => 0 };

function client(handler: Handler, options: Partial<RailwayClientOptions> = {}) {
  const fake = fakeFetch(handler);
  const railway = createRailwayClient({
    token: 'tok-123',
    fetch: fake.fetch,
    rateLimit: false,
    ...noWait,
    ...options,
  });
  return { railway, seen: fake.seen };
}

const unused: Handler = () => {
  throw new Error('no request expected');
};

/** Never answers; rejects when the request's signal aborts, as real fetch does. */
function hangingFetch() {
  let calls = 0;
  const fetch = (_: unknown, init?: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      calls++;
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    });
  return { fetch: fetch as typeof globalThis.fetch, calls: () => calls };
}

describe('Railway client transport', () => {
  it('sends workspace tokens as Bearer and project tokens as Project-Access-Token', async () => {
    const ok: Handler = () => json({ data: { deployment } });
    const workspace = client(ok);
    await workspace.railway.getDeployment('dep-1');
    expect(workspace.seen[0]!.headers.get('authorization')).toBe('Bearer tok-123');
    expect(workspace.seen[0]!.headers.get('project-access-token')).toBeNull();

    const project = client(ok, { tokenKind: 'project' });
    await project.railway.getDeployment('dep-1');
    expect(project.seen[0]!.headers.get('project-access-token')).toBe('tok-123');
    expect(project.seen[0]!.headers.get('authorization')).toBeNull();
  });

  it('posts a named operation with variables to the configured endpoint', async () => {
    const { railway, seen } = client(() => json({ data: { deployment } }), {
      endpoint: 'http://127.0.0.1:9/custom/graphql',
    });
    await expect(railway.getDeployment('dep-1')).resolves.toEqual(deployment);
    expect(seen[0]).toMatchObject({
      url: 'http://127.0.0.1:9/custom/graphql',
      operationName: 'GetDeployment',
      variables: { id: 'dep-1' },
    });
    expect(seen[0]!.query).toContain('query GetDeployment($id: String!)');
  });

  it('times out a read, retries it, then fails with TimeoutError', async () => {
    const hanging = hangingFetch();
    const railway = createRailwayClient({
      token: 't',
      fetch: hanging.fetch,
      rateLimit: false,
      timeoutMs: 30,
      retry: { maxAttempts: 2 },
      ...noWait,
    });
    const error = await railway.getDeployment('d').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ mayHaveBeenApplied: false });
    expect(hanging.calls()).toBe(2);
  });

  it('a timed-out write is not retried and may have been applied', async () => {
    const hanging = hangingFetch();
    const railway = createRailwayClient({
      token: 't',
      fetch: hanging.fetch,
      rateLimit: false,
      timeoutMs: 30,
      ...noWait,
    });
    const error = await railway
      .createService({
        projectId: 'p',
        environmentId: 'e',
        name: 'api',
        source: { image: 'nginx' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ mayHaveBeenApplied: true, retryable: true });
    expect(hanging.calls()).toBe(1);
  });

  it("passes the caller's abort through untouched and does not retry it", async () => {
    const hanging = hangingFetch();
    const railway = createRailwayClient({
      token: 't',
      fetch: hanging.fetch,
      rateLimit: false,
      ...noWait,
    });
    const controller = new AbortController();
    const call = railway.getDeployment('d', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('worker shutting down')), 10);
    await expect(call).rejects.toThrow('worker shutting down');
    expect(hanging.calls()).toBe(1);
  });
});

describe('Railway client errors and retries', () => {
  it('retries a read after a 5xx and counts it', async () => {
    const { railway, seen } = client((_, i) =>
      i < 2 ? json({}, 503) : json({ data: { deployment } }),
    );
    await expect(railway.getDeployment('dep-1')).resolves.toEqual(deployment);
    expect(seen).toHaveLength(3);
    expect(railway.snapshot()).toMatchObject({
      requests: 3,
      failures: 2,
      retries: 2,
      byOperation: { GetDeployment: { requests: 3, failures: 2 } },
      byOutcome: { ok: 1, NETWORK: 2 },
    });
  });

  it('surfaces a 5xx on a write at once, flagged mayHaveBeenApplied', async () => {
    const { railway, seen } = client(() => json({}, 502));
    const error = await railway.deleteProject('prj').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ mayHaveBeenApplied: true, reason: 'SERVER' });
    expect(seen).toHaveLength(1);
  });

  it('retries a write after a 429 (known not applied), honouring Retry-After', async () => {
    const sleeps: number[] = [];
    const { railway, seen } = client(
      (_, i) => (i === 0 ? json({}, 429, { 'retry-after': '2' }) : json({ data: { done: true } })),
      { sleep: async (ms) => void sleeps.push(ms) },
    );
    await railway.restart('dep-1');
    expect(seen).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
    expect(railway.snapshot()).toMatchObject({ rateLimited: 1, retries: 1 });
  });

  it('maps "Not Authorized" to AuthenticationError without retrying', async () => {
    const { railway, seen } = client(() =>
      json({ data: null, errors: [{ message: 'Not Authorized' }] }),
    );
    await expect(railway.createProject({ name: 'x', workspaceId: 'w' })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(seen).toHaveLength(1);
  });

  it('keeps variable values out of errors', async () => {
    const { railway } = client(() => json({ errors: [{ message: 'Internal server error' }] }, 500));
    const error = (await railway
      .upsertVariables({
        projectId: 'p',
        environmentId: 'e',
        variables: { API_KEY: 'sk-secret-value' },
      })
      .catch((e: unknown) => e)) as Error & { details?: unknown };
    expect(error).toBeInstanceOf(NetworkError);
    expect(`${error.message} ${JSON.stringify(error.details)}`).not.toContain('sk-secret-value');
  });

  it('a Boolean mutation answered false fails', async () => {
    const { railway } = client(() => json({ data: { done: false } }));
    await expect(railway.rollback('dep-1')).rejects.toMatchObject({ errorClass: 'RESOURCE' });
  });
});

describe('Railway client options, input and metrics', () => {
  it('rejects bad options with ConfigurationError', () => {
    expect(() => createRailwayClient({ token: '' })).toThrow(ConfigurationError);
    expect(() => createRailwayClient({ token: 't', endpoint: 'not a url' })).toThrow(
      ConfigurationError,
    );
    expect(() => createRailwayClient({ token: 't', endpoint: 'ftp://x/graphql' })).toThrow(
      ConfigurationError,
    );
    expect(() => createRailwayClient({ token: 't', batchSize: 0 })).toThrow(ConfigurationError);
    expect(() => createRailwayClient({ token: 't', publicUrlTemplate: 'https://x' })).toThrow(
      ConfigurationError,
    );
    expect(() => createRailwayClient({ token: 't', rateLimit: 'enterprise' as 'pro' })).toThrow(
      ConfigurationError,
    );
  });

  it('rejects bad arguments before sending anything', async () => {
    const { railway, seen } = client(() => json({ data: {} }));
    await expect(railway.getDeployment('')).rejects.toMatchObject({
      errorClass: 'RESOURCE',
      reason: 'INVALID',
    });
    await expect(railway.createProject({ name: ' ', workspaceId: 'w' })).rejects.toBeInstanceOf(
      ResourceError,
    );
    await expect(
      railway.getLogs({ deploymentId: 'd', kind: 'build', limit: 9000 }),
    ).rejects.toBeInstanceOf(ResourceError);
    await expect(
      railway.getLogs({ deploymentId: 'd', kind: 'build', since: 'yesterday' }),
    ).rejects.toBeInstanceOf(ResourceError);
    await expect(
      railway.upsertVariables({
        projectId: 'p',
        environmentId: 'e',
        variables: { A: 1 as unknown as string },
      }),
    ).rejects.toBeInstanceOf(ResourceError);
    expect(seen).toHaveLength(0);
  });

  it('builds public URLs from the template', () => {
    const { railway } = client(unused);
    expect(railway.publicUrlFor('api-x.up.railway.app')).toBe('https://api-x.up.railway.app');
    const local = client(unused, { publicUrlTemplate: 'http://127.0.0.1:4000/d/{domain}' }).railway;
    expect(local.publicUrlFor('api-x.up.railway.app')).toBe(
      'http://127.0.0.1:4000/d/api-x.up.railway.app',
    );
  });

  it('reports events to the metrics hook and survives a hook that throws', async () => {
    const events: RailwayClientEvent[] = [];
    const { railway } = client(
      (_, i) => (i === 0 ? json({}, 500) : json({ data: { deployment } })),
      {
        metrics: (event) => {
          events.push(event);
          throw new Error('broken dashboard');
        },
        rateLimit: { perSecond: 100, perHour: 10_000 },
        endpoint: `http://127.0.0.1:9/metrics-${Math.random()}`,
      },
    );
    await railway.getDeployment('dep-1');
    const types = events.map((event) => event.type);
    expect(types).toEqual(['request', 'budget', 'retry', 'request', 'budget']);
    expect(events[0]).toMatchObject({
      operation: 'GetDeployment',
      kind: 'read',
      outcome: 'NETWORK',
      status: 500,
    });
    expect(events[3]).toMatchObject({ outcome: 'ok', attempt: 2 });
    expect(railway.rateLimitState()).toMatchObject({
      queued: 0,
      remainingPerSecond: 98,
      remainingPerHour: 9998,
    });
    expect(railway.snapshot().budget).toMatchObject({ remainingPerHour: 9998 });
  });
});
