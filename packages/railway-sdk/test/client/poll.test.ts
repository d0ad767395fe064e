import { ResourceError } from '@roundhouse/core';
import { describe, expect, it } from 'vitest';
import { createRailwayClient, type LogRequest } from '../../src';
import { fakeFetch, json, type SeenRequest } from '../helpers/fake-fetch';

const deploymentFor = (id: string) => ({
  id,
  status: 'BUILDING',
  canRollback: false,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  url: null,
  staticUrl: null,
  serviceId: 's',
  environmentId: 'e',
  projectId: 'p',
  meta: null,
});

const lineOf = (field: string, id: string) => ({
  message: `${field} of ${id}`,
  timestamp: '2025-01-01T00:00:00Z',
  severity: 'info',
  attributes: [],
  tags: null,
});

/** Alias → [root field, deployment id] of each aliased field of a request. */
function fieldsOf(request: SeenRequest): Array<[string, string, string]> {
  return [...request.query.matchAll(/(b\d+): (\w+)\(/g)].map(([, alias, field]) => [
    alias!,
    field!,
    String(request.variables[`${alias}_id`] ?? request.variables[`${alias}_deploymentId`]),
  ]);
}

/**
 * A Railway that knows every deployment but those in `gone`; like Railway, a missing one nulls
 * the whole `data` (non-null root fields) and is named in `errors`.
 */
function railway(gone: ReadonlySet<string> = new Set()) {
  return fakeFetch((request) => {
    const data: Record<string, unknown> = {};
    const errors: unknown[] = [];
    for (const [alias, field, id] of fieldsOf(request)) {
      if (gone.has(id)) errors.push({ message: 'Deployment not found', path: [alias] });
      else data[alias] = field === 'deployment' ? deploymentFor(id) : [lineOf(field, id)];
    }
    return json({ data: errors.length > 0 ? null : data, ...(errors.length ? { errors } : {}) });
  });
}

const ids = (n: number, prefix = 'dep') => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const logsOf = (deploymentIds: string[]): LogRequest[] =>
  deploymentIds.map((deploymentId, i) => ({ deploymentId, kind: i % 2 ? 'deploy' : 'build' }));
const countOf = (request: SeenRequest, field: string) =>
  fieldsOf(request).filter(([, f]) => f === field).length;
const logCount = (request: SeenRequest) =>
  countOf(request, 'buildLogs') + countOf(request, 'deploymentLogs');

describe('pollDeployments: statuses and log streams in the same requests', () => {
  it('100 statuses + 20 log streams cost exactly 1 request', async () => {
    const fake = railway();
    const client = createRailwayClient({ token: 't', fetch: fake.fetch, rateLimit: false });
    const poll = await client.pollDeployments({ statusIds: ids(100), logs: logsOf(ids(20)) });
    expect(fake.seen).toHaveLength(1);
    expect(fake.seen[0]!.operationName).toBe('DeploymentPoll');
    expect(countOf(fake.seen[0]!, 'deployment')).toBe(100);
    expect(logCount(fake.seen[0]!)).toBe(20);
    expect(poll.statuses.get('dep-99')).toEqual(deploymentFor('dep-99'));
    expect(poll.logs.map((result) => result.logs?.[0]?.message)).toEqual(
      ids(20).map((id, i) => `${i % 2 ? 'deploymentLogs' : 'buildLogs'} of ${id}`),
    );
  });

  it('250 statuses + 20 log streams cost exactly 3 requests, the streams in the first', async () => {
    const fake = railway();
    const client = createRailwayClient({ token: 't', fetch: fake.fetch, rateLimit: false });
    const poll = await client.pollDeployments({ statusIds: ids(250), logs: logsOf(ids(20)) });
    expect(fake.seen.map((request) => countOf(request, 'deployment'))).toEqual([100, 100, 50]);
    expect(fake.seen.map(logCount)).toEqual([20, 0, 0]);
    expect([...poll.statuses.keys()]).toEqual(ids(250));
    expect(poll.logs).toHaveLength(20);
  });

  it('more streams than fit next to the statuses take the requests they need', async () => {
    const fake = railway();
    const client = createRailwayClient({ token: 't', fetch: fake.fetch, rateLimit: false });
    const poll = await client.pollDeployments({ statusIds: ids(5), logs: logsOf(ids(45, 'l')) });
    expect(fake.seen.map((request) => countOf(request, 'deployment'))).toEqual([5, 0, 0]);
    expect(fake.seen.map(logCount)).toEqual([20, 20, 5]);
    expect(poll.logs.map((result) => result.deploymentId)).toEqual(ids(45, 'l'));
    expect(
      poll.logs.every((result) => result.logs?.[0]?.message.endsWith(result.deploymentId)),
    ).toBe(true);
  });

  it('a deployment Railway lost is null in both answers; the rest cost one extra request', async () => {
    const fake = railway(new Set(['dep-1']));
    const client = createRailwayClient({ token: 't', fetch: fake.fetch, rateLimit: false });
    const poll = await client.pollDeployments({
      statusIds: ids(3),
      logs: logsOf(['dep-0', 'dep-1', 'dep-2']),
    });
    expect(fake.seen).toHaveLength(2);
    expect(poll.statuses.get('dep-1')).toBeNull();
    expect(poll.statuses.get('dep-2')).toEqual(deploymentFor('dep-2'));
    expect(poll.logs.map((result) => result.logs?.[0]?.message ?? null)).toEqual([
      'buildLogs of dep-0',
      null,
      'buildLogs of dep-2',
    ]);
  });

  it('refuses bad input before sending anything', async () => {
    const fake = railway();
    const client = createRailwayClient({ token: 't', fetch: fake.fetch, rateLimit: false });
    const bad = [
      { statusIds: ['ok', ''] },
      { statusIds: ['ok'], logs: [{ deploymentId: 'ok', kind: 'build', limit: 0 }] },
      { statusIds: ['ok'], logs: [{ deploymentId: 'ok', kind: 'nope' }] },
      { statusIds: ['ok'], logs: [{ deploymentId: 'ok', kind: 'deploy', since: 'not a date' }] },
    ] as const;
    for (const request of bad) {
      await expect(client.pollDeployments(request as never)).rejects.toBeInstanceOf(ResourceError);
    }
    expect(fake.seen).toHaveLength(0);
  });

  it('sends nothing when there is nothing to ask', async () => {
    const fake = railway();
    const client = createRailwayClient({ token: 't', fetch: fake.fetch, rateLimit: false });
    expect(await client.pollDeployments({ statusIds: [], logs: [] })).toEqual({
      statuses: new Map(),
      logs: [],
    });
    expect(fake.seen).toHaveLength(0);
  });
});
