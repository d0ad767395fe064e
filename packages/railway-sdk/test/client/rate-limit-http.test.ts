import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRailwayClient } from '../../src';
import { startEnforcingServer } from '../helpers/enforcing-server';
import { maxInAnyWindow } from '../helpers/window';

const deployment = {
  id: 'd',
  status: 'SUCCESS',
  canRollback: false,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  url: null,
  staticUrl: null,
  serviceId: 's',
  environmentId: 'e',
  projectId: 'p',
  meta: null,
};

describe('rate limiter against a server that enforces the budget', () => {
  let server: Awaited<ReturnType<typeof startEnforcingServer>>;
  beforeAll(async () => {
    server = await startEnforcingServer(5, () => ({ data: { deployment } }));
  });
  afterAll(() => server.close());

  it('concurrent callers of several clients sharing a token stay within budget and draw no 429', async () => {
    const options = {
      endpoint: server.url,
      token: 'shared-token',
      rateLimit: { perSecond: 5, perHour: 1000 },
    };
    const clients = [
      createRailwayClient(options),
      createRailwayClient(options),
      createRailwayClient(options),
    ];
    const calls = Array.from({ length: 15 }, (_, i) => clients[i % 3]!.getDeployment(`d${i}`));
    const results = await Promise.all(calls);
    expect(results.every((result) => result.status === 'SUCCESS')).toBe(true);
    expect(server.rejected()).toBe(0);
    expect(server.arrivals).toHaveLength(15);
    expect(maxInAnyWindow(server.arrivals, 1000)).toBeLessThanOrEqual(5);
    const waited = clients.reduce((sum, client) => sum + client.snapshot().limiterWaits, 0);
    expect(waited).toBe(10);
  });
});
