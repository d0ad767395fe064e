import { AuthenticationError } from '@roundhouse/core';
import { describe, expect, it } from 'vitest';
import { createRailwayClient } from '../../src';
import { buildBatchDocument, chunk } from '../../src/client/batch';
import { fakeFetch, json, type SeenRequest } from '../helpers/fake-fetch';

const deploymentFor = (id: string) => ({
  id,
  status: 'SUCCESS',
  canRollback: true,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  url: null,
  staticUrl: null,
  serviceId: 's',
  environmentId: 'e',
  projectId: 'p',
  meta: null,
});

/** Alias → id of each aliased field in a batched request (`b3_id` → `b3`). */
function aliasedIds(request: SeenRequest): Array<[string, string]> {
  return Object.entries(request.variables)
    .filter(([name]) => name.endsWith('_id') || name.endsWith('_deploymentId'))
    .map(([name, value]) => [name.split('_')[0]!, String(value)]);
}

/** A Railway that knows `known` ids; `nullWholeData` mimics non-null propagation of a missing id. */
function railwayKnowing(known: Set<string>, nullWholeData = false) {
  return fakeFetch((request) => {
    const data: Record<string, unknown> = {};
    const errors: unknown[] = [];
    for (const [alias, id] of aliasedIds(request)) {
      if (known.has(id)) data[alias] = deploymentFor(id);
      else {
        data[alias] = null;
        errors.push({ message: 'Deployment not found', path: [alias] });
      }
    }
    return json({
      data: nullWholeData && errors.length > 0 ? null : data,
      ...(errors.length ? { errors } : {}),
    });
  });
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `dep-${i}`);

describe('batched reads', () => {
  it('chunks: 250 deployments with chunk size 100 cost exactly 3 requests', async () => {
    const fake = railwayKnowing(new Set(ids(250)));
    const client = createRailwayClient({ token: 't', fetch: fake.fetch, rateLimit: false });
    const statuses = await client.getDeploymentStatuses([...ids(250), 'dep-0']);
    expect(fake.seen).toHaveLength(3);
    expect(fake.seen.map((request) => aliasedIds(request).length)).toEqual([100, 100, 50]);
    expect(statuses.size).toBe(250);
    expect(statuses.get('dep-249')).toMatchObject({ id: 'dep-249', status: 'SUCCESS' });
  });

  it('honours a configured chunk size', async () => {
    const fake = railwayKnowing(new Set(ids(10)));
    const client = createRailwayClient({
      token: 't',
      fetch: fake.fetch,
      rateLimit: false,
      batchSize: 4,
    });
    await client.getDeploymentStatuses(ids(10));
    expect(fake.seen).toHaveLength(3);
  });

  it('reports unknown ids as null and keeps the rest (partial data)', async () => {
    const fake = railwayKnowing(new Set(['dep-0', 'dep-2']));
    const client = createRailwayClient({ token: 't', fetch: fake.fetch, rateLimit: false });
    const statuses = await client.getDeploymentStatuses(ids(3));
    expect([...statuses]).toEqual([
      ['dep-0', deploymentFor('dep-0')],
      ['dep-1', null],
      ['dep-2', deploymentFor('dep-2')],
    ]);
    expect(fake.seen).toHaveLength(1);
  });

  it('when a missing id nulls all data, asks again without it (one extra request)', async () => {
    const fake = railwayKnowing(new Set(['dep-0', 'dep-2']), true);
    const client = createRailwayClient({ token: 't', fetch: fake.fetch, rateLimit: false });
    const statuses = await client.getDeploymentStatuses(ids(3));
    expect(statuses.get('dep-1')).toBeNull();
    expect(statuses.get('dep-2')).toEqual(deploymentFor('dep-2'));
    expect(fake.seen).toHaveLength(2);
    expect(aliasedIds(fake.seen[1]!).map(([, id]) => id)).toEqual(['dep-0', 'dep-2']);
  });

  it('fails on any error other than "not found"', async () => {
    const fake = fakeFetch(() =>
      json({ data: { b0: null }, errors: [{ message: 'Not Authorized', path: ['b0'] }] }),
    );
    const client = createRailwayClient({ token: 't', fetch: fake.fetch, rateLimit: false });
    await expect(client.getDeploymentStatuses(['x'])).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('fetches many deployments’ new log lines in one request, answers in request order', async () => {
    const fake = fakeFetch((request) =>
      json({
        data: Object.fromEntries(
          aliasedIds(request).map(([alias, id]) => [
            alias,
            id === 'gone'
              ? null
              : [
                  {
                    message: `line of ${id}`,
                    timestamp: 't',
                    severity: 'info',
                    attributes: [],
                    tags: null,
                  },
                ],
          ]),
        ),
        errors: aliasedIds(request)
          .filter(([, id]) => id === 'gone')
          .map(([alias]) => ({ message: 'Deployment not found', path: [alias] })),
      }),
    );
    const client = createRailwayClient({ token: 't', fetch: fake.fetch, rateLimit: false });
    const since = new Date('2025-02-03T04:05:06.789Z');
    const results = await client.getLogsBatch([
      { deploymentId: 'a', kind: 'build', since },
      { deploymentId: 'gone', kind: 'deploy' },
      { deploymentId: 'b', kind: 'deploy', limit: 50 },
    ]);
    expect(fake.seen).toHaveLength(1);
    const query = fake.seen[0]!.query;
    expect(query).toContain('b0: buildLogs(');
    expect(query).toContain('b2: deploymentLogs(');
    expect(fake.seen[0]!.variables).toMatchObject({
      b0_startDate: since.toISOString(),
      b2_limit: 50,
      b1_startDate: null,
    });
    expect(results.map((result) => result.logs?.[0]?.message ?? null)).toEqual([
      'line of a',
      null,
      'line of b',
    ]);
  });
});

describe('batch document builder', () => {
  it('declares one variable per argument and keeps values out of the text', () => {
    const document = buildBatchDocument('Q', [
      {
        field: 'deployment',
        args: { id: { type: 'String!', value: 'x") { __typename }' } },
        selection: 'id',
      },
      { field: 'variables', args: { projectId: { type: 'String!', value: 'p' } } },
    ]);
    expect(document.query).toBe(
      'query Q($b0_id: String!, $b1_projectId: String!) {\n  b0: deployment(id: $b0_id) { id }\n  b1: variables(projectId: $b1_projectId)\n}\n',
    );
    expect(document.variables).toEqual({ b0_id: 'x") { __typename }', b1_projectId: 'p' });
  });

  it('chunks and refuses a chunk size below 1', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});
