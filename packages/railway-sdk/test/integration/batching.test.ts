/** Batched reads against the simulator: request counts are what the monitor's budget assumes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RailwayClient } from '../../src';
import { type StartedSim, startSim } from './sim';

let started: StartedSim;
let railway: RailwayClient;
const deploymentIds: string[] = [];

beforeAll(async () => {
  // Setup speed only: making 250 deployments is not what is measured here.
  started = await startSim({ rateLimit: false });
  railway = started.client({ rateLimit: false, batchSize: 100, logBatchSize: 50 });
  const project = await railway.createProject({
    name: 'batch',
    workspaceId: started.sim.workspaceId,
  });
  const environmentId = project.environments[0]!.id;
  const services = await Promise.all(
    Array.from({ length: 25 }, (_, i) =>
      railway.createService({
        projectId: project.id,
        environmentId,
        name: `s${i}`,
        source: { image: 'nginx' },
      }),
    ),
  );
  for (const service of services) {
    const ref = { serviceId: service.id, environmentId };
    const more = await Promise.all(Array.from({ length: 9 }, () => railway.deployService(ref)));
    const [first] = await railway
      .listDeployments(service.id, environmentId, 20)
      .then((list) => list.slice(-1));
    deploymentIds.push(first!.id, ...more);
  }
});
afterAll(() => started.sim.close());

describe('batched reads against the simulator', () => {
  it('a status check of 250 deployments costs exactly ceil(250 / 100) = 3 requests', async () => {
    const { sim } = started;
    expect(deploymentIds).toHaveLength(250);
    sim.counters.reset();
    const statuses = await railway.getDeploymentStatuses(deploymentIds);
    expect(sim.counters.requests).toBe(3);
    expect(sim.counters.fieldsByOperation.deployment).toBe(250);
    expect(statuses.size).toBe(250);
    for (const id of deploymentIds) expect(statuses.get(id)?.id).toBe(id);
  });

  it('an unknown id comes back as null without failing the others or costing more', async () => {
    const { sim } = started;
    sim.counters.reset();
    const statuses = await railway.getDeploymentStatuses([
      deploymentIds[0]!,
      'no-such-deployment',
      deploymentIds[1]!,
    ]);
    expect(statuses.get('no-such-deployment')).toBeNull();
    expect(statuses.get(deploymentIds[1]!)?.id).toBe(deploymentIds[1]);
    expect(sim.counters.requests).toBe(1);
  });

  it('new log lines of 250 deployments cost ceil(250 / 50) = 5 requests', async () => {
    const { sim } = started;
    sim.counters.reset();
    const results = await railway.getLogsBatch(
      deploymentIds.map((deploymentId) => ({ deploymentId, kind: 'build' as const, limit: 3 })),
    );
    expect(sim.counters.requests).toBe(5);
    expect(results.map((result) => result.deploymentId)).toEqual(deploymentIds);
    expect(results.every((result) => result.logs !== null && result.logs.length <= 3)).toBe(true);
  });

  it('a poll of 100 statuses + 20 log streams costs 1 request; 250 + 20 cost 3', async () => {
    const { sim } = started;
    const logs = deploymentIds
      .slice(0, 20)
      .map(
        (deploymentId, i) =>
          ({ deploymentId, kind: i % 2 ? 'deploy' : 'build', limit: 5 }) as const,
      );
    sim.counters.reset();
    const small = await railway.pollDeployments({ statusIds: deploymentIds.slice(0, 100), logs });
    expect(sim.counters.requests).toBe(1);
    expect(small.statuses.size).toBe(100);
    expect(small.logs.map((result) => result.deploymentId)).toEqual(deploymentIds.slice(0, 20));
    expect(small.logs.every((result) => Array.isArray(result.logs))).toBe(true);

    sim.counters.reset();
    const large = await railway.pollDeployments({ statusIds: deploymentIds, logs });
    expect(sim.counters.requests).toBe(3);
    expect(sim.counters.fieldsByOperation.deployment).toBe(250);
    expect(sim.counters.byOperation.deployment).toBe(3);
    // The streams ride in the first request, not in one of their own.
    expect(sim.counters.byOperation.buildLogs).toBe(1);
    expect(sim.counters.byOperation.deploymentLogs).toBe(1);
    for (const id of deploymentIds) expect(large.statuses.get(id)?.id).toBe(id);
    expect(large.logs).toEqual(small.logs);
  });
});
