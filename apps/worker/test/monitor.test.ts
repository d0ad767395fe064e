import { deploymentPhaseRank } from '@roundhouse/core';
import { createRailwayClient } from '@roundhouse/railway-sdk';
import { createSimulator, type Simulator } from '@roundhouse/railway-sdk/simulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDbAndSim } from './support/use-test-db';
import type { WorkerDeps } from '../src/deps';
import { DeploymentMonitor } from '../src/monitor/deployment-monitor';
import { cachedTemplate } from '../src/saga/template-cache';
import { createTestDeps } from './support/worker-harness';
import {
  deployInstance,
  type DeployedInstance,
  deploymentRow,
  instanceRow,
  notificationsOf,
  recordDeployment,
} from './monitor-setup';

const { testDb, sim } = useTestDbAndSim();
let deps: WorkerDeps;

beforeAll(async () => {
  deps = createTestDeps({ db: testDb().db, sim: sim() });
});

/** Polls every `stepMs` of simulated time until the deployment has a verdict. */
async function pollUntilDone(monitor: DeploymentMonitor, deploymentId: string, stepMs = 5_000) {
  const seen: { status: string; progress: number; railway: string }[] = [];
  for (let i = 0; i < 60; i++) {
    await monitor.poll(deps);
    const row = await deploymentRow(deps.db, deploymentId);
    const railway = sim()
      .state.deployments()
      .find((d) => d.id === row.railway_deployment_id);
    seen.push({ status: row.status, progress: row.progress, railway: railway?.status ?? 'none' });
    if (!['QUEUED', 'BUILDING', 'DEPLOYING', 'HEALTH_CHECK'].includes(row.status)) return seen;
    sim().clock.advance(stepMs);
  }
  throw new Error(`deployment ${deploymentId} got no verdict: ${JSON.stringify(seen.at(-1))}`);
}

async function storedLogs(deploymentId: string) {
  return deps.db
    .selectFrom('deployment_logs')
    .selectAll()
    .where('deployment_id', '=', deploymentId)
    .orderBy('seq')
    .execute();
}

describe('monitor_deployments', () => {
  let clone: DeployedInstance;

  it('walks a clone to SUCCEEDED only after Railway SUCCESS and a passing health check', async () => {
    clone = await deployInstance(deps, sim());
    const monitor = new DeploymentMonitor();
    const domainRequestsBefore = sim().counters.domainRequests;
    const seen = await pollUntilDone(monitor, clone.deployment.id);

    const last = seen.at(-1)!;
    expect(last).toMatchObject({ status: 'SUCCEEDED', progress: 100, railway: 'SUCCESS' });
    // Never ahead of Railway: SUCCEEDED appears only once Railway says SUCCESS.
    for (const step of seen)
      if (step.railway !== 'SUCCESS') expect(step.status).not.toBe('SUCCEEDED');
    const ranks = seen.map((step) => deploymentPhaseRank(step.status as never)!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(seen.map((s) => s.status)).toEqual(expect.arrayContaining(['BUILDING', 'DEPLOYING']));
    // The health check and the smoke request reached the instance's public URL.
    expect(sim().counters.domainRequests - domainRequestsBefore).toBeGreaterThanOrEqual(2);

    const deployment = await deploymentRow(deps.db, clone.deployment.id);
    expect(deployment.building_at).not.toBeNull();
    expect(deployment.deploying_at!.getTime()).toBeGreaterThan(deployment.building_at!.getTime());
    expect(deployment.health_check_at).not.toBeNull();
    expect(deployment.finished_at).not.toBeNull();
    const instance = await instanceRow(deps.db, clone.instance.id);
    expect(instance).toMatchObject({
      status: 'RUNNING',
      last_good_deployment_id: clone.deployment.id,
      health_failures: 0,
    });
    expect(instance.last_health).toMatchObject({ ok: true, path: '/healthz', status: 200 });
    const notes = await notificationsOf(deps.db, clone.user.id);
    expect(notes.map((n) => n.type)).toEqual(['instance.running']);
  });

  it('moves progress forward only, reaching 100 only at SUCCEEDED', async () => {
    const { deployment } = await deployInstance(deps, sim());
    const seen = await pollUntilDone(new DeploymentMonitor(), deployment.id, 2_000);
    const progress = seen.map((step) => step.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBeGreaterThan(5);
    for (const step of seen) expect(step.progress === 100).toBe(step.status === 'SUCCEEDED');
  });

  it('stores every log line once, redacted, across polls', async () => {
    const logs = await storedLogs(clone.deployment.id);
    expect(logs.map((line) => line.seq)).toEqual(logs.map((_, index) => index));
    // What Railway holds for the deployment, all of it: each line was stored exactly once.
    const railwayId = clone.deployment.railway_deployment_id!;
    const since = new Date(clone.deployment.queued_at.getTime() - 60_000);
    const [build, run] = await Promise.all([
      deps.railway.getLogs({ deploymentId: railwayId, kind: 'build', since, limit: 5000 }),
      deps.railway.getLogs({ deploymentId: railwayId, kind: 'deploy', since, limit: 5000 }),
    ]);
    const stored = (stream: string) =>
      logs.filter((line) => line.stream === stream).map((line) => line.message);
    // Lines the app printed after the verdict are not the deployment's any more.
    const { finished_at: finishedAt } = await deploymentRow(deps.db, clone.deployment.id);
    const untilVerdict = (lines: typeof run) =>
      lines.filter((line) => new Date(line.timestamp) <= finishedAt!);
    expect(stored('build')).toHaveLength(untilVerdict(build).length);
    expect(stored('deploy')).toHaveLength(untilVerdict(run).length);
    expect(untilVerdict(run).length).toBeGreaterThan(3);
    expect(stored('system').join('\n')).toContain('Health check GET /healthz answered 200');

    // The app printed the Feishu secret; Railway has it, our table does not.
    const secret = clone.credentials.feishuSecret;
    expect(run.some((line) => line.message.includes(secret))).toBe(true);
    const echoed = stored('deploy').find((message) => message.includes('CHAT_APP_KEY'));
    expect(echoed).toBe('[config] CHAT_APP_KEY=[REDACTED]');
    const all = await deps.db.selectFrom('deployment_logs').select('message').execute();
    expect(all.some((line) => line.message.includes(secret))).toBe(false);
  });

  it("Railway refusing the log streams costs only that poll's lines, not the statuses", async () => {
    const { deployment } = await deployInstance(deps, sim());
    const monitor = new DeploymentMonitor();
    sim().clock.advance(10_000); // past INITIALIZING and QUEUED: Railway is building
    const fault = sim().faults.inject({ kind: 'graphql-error', operation: 'buildLogs', count: 1 });
    const before = sim().counters.requests;
    await monitor.poll(deps);
    sim().faults.clear(fault);
    // The refused combined read, then the statuses alone.
    expect(sim().counters.requests - before).toBe(2);
    expect((await deploymentRow(deps.db, deployment.id)).status).toBe('BUILDING');
    expect(await storedLogs(deployment.id)).toHaveLength(0);

    await monitor.poll(deps);
    expect(sim().counters.requests - before).toBe(3);
    const logs = await storedLogs(deployment.id);
    expect(logs.filter((line) => line.stream === 'build').length).toBeGreaterThan(0);
    expect((await pollUntilDone(monitor, deployment.id)).at(-1)!.status).toBe('SUCCEEDED');
  });

  it('fails a build failure with RESOURCE and the last log lines, and the clone instance', async () => {
    const { deployment, instance, user } = await deployInstance(deps, sim(), {
      outcome: { result: 'build-failure' },
    });
    const seen = await pollUntilDone(new DeploymentMonitor(), deployment.id);
    expect(seen.at(-1)).toMatchObject({ status: 'FAILED', railway: 'FAILED' });
    const row = await deploymentRow(deps.db, deployment.id);
    expect(row.error_class).toBe('RESOURCE');
    expect(row.error_message).toContain('The build failed.');
    expect(row.error_message).toContain('ERROR: failed to build');
    expect(row.progress).toBeLessThan(100);
    expect(await instanceRow(deps.db, instance.id)).toMatchObject({
      status: 'FAILED',
      error_class: 'RESOURCE',
    });
    const notes = await notificationsOf(deps.db, user.id);
    expect(notes.map((n) => n.type)).toEqual(['deployment.failed']);
  });

  it('marks a container that dies on start CRASHED, and keeps secrets out of the message', async () => {
    const { deployment, instance, credentials } = await deployInstance(deps, sim(), {
      outcome: { result: 'crash', phaseMs: { crashAfter: 0 } },
    });
    const seen = await pollUntilDone(new DeploymentMonitor(), deployment.id);
    expect(seen.at(-1)).toMatchObject({ status: 'CRASHED', railway: 'CRASHED' });
    const row = await deploymentRow(deps.db, deployment.id);
    expect(row.error_class).toBe('RESOURCE');
    expect(row.error_message).toContain('Process exited with code 1');
    expect(row.error_message).not.toContain(credentials.feishuSecret);
    expect((await instanceRow(deps.db, instance.id)).status).toBe('FAILED');
  });

  it('keeps a deployment whose health check fails in HEALTH_CHECK, then fails it', async () => {
    const { deployment, instance } = await deployInstance(deps, sim(), {
      outcome: { result: 'success', unhealthy: true },
    });
    const seen = await pollUntilDone(new DeploymentMonitor(), deployment.id);
    const checking = seen.filter((step) => step.status === 'HEALTH_CHECK');
    expect(checking.length).toBeGreaterThan(3);
    expect(checking.every((step) => step.railway === 'SUCCESS' && step.progress < 100)).toBe(true);
    expect(seen.at(-1)!.status).toBe('FAILED');
    const row = await deploymentRow(deps.db, deployment.id);
    expect(row.error_message).toContain('health check kept failing');
    expect(row.error_message).toContain('HTTP 503');
    expect((await instanceRow(deps.db, instance.id)).status).toBe('FAILED');
  });

  it('rolls a redeploy that fails its health check back to the last good deployment', async () => {
    const first = await deployInstance(deps, sim());
    const monitor = new DeploymentMonitor();
    await pollUntilDone(monitor, first.deployment.id);
    const running = await instanceRow(deps.db, first.instance.id);

    // The redeploy builds an app that answers 503; anything deployed later is healthy again.
    sim().outcomes.set({ projectName: running.name }, { result: 'success', unhealthy: true });
    const redeployed = await deps.railway.redeploy(first.deployment.railway_deployment_id!);
    sim().outcomes.set({ projectName: running.name }, { result: 'success' });
    const redeploy = await recordDeployment(deps, running, redeployed.id, 'REDEPLOY');

    const seen = await pollUntilDone(monitor, redeploy.id);
    expect(seen.at(-1)!.status).toBe('FAILED');
    const rollbacks = sim()
      .state.deployments(first.serviceId)
      .filter((d) => d.reason === 'rollback');
    expect(rollbacks).toHaveLength(1);
    const instance = await instanceRow(deps.db, first.instance.id);
    expect(instance.status).toBe('DEPLOYING');
    const rollback = await deploymentRow(deps.db, instance.current_deployment_id!);
    expect(rollback).toMatchObject({
      kind: 'ROLLBACK',
      railway_deployment_id: rollbacks[0]!.id,
      requested_by: 'system:monitor',
    });
    const types = (await notificationsOf(deps.db, first.user.id)).map((n) => n.type);
    expect(types).toContain('deployment.rolled_back');

    const after = await pollUntilDone(monitor, rollback.id);
    expect(after.at(-1)!.status).toBe('SUCCEEDED');
    expect(await instanceRow(deps.db, first.instance.id)).toMatchObject({
      status: 'RUNNING',
      last_good_deployment_id: rollback.id,
    });
  });

  it('closes a deployment Railway superseded as CANCELED and keeps the instance running', async () => {
    const first = await deployInstance(deps, sim());
    const monitor = new DeploymentMonitor();
    await pollUntilDone(monitor, first.deployment.id);
    const running = await instanceRow(deps.db, first.instance.id);
    const older = await deps.railway.redeploy(first.deployment.railway_deployment_id!);
    const redeploy = await recordDeployment(deps, running, older.id, 'REDEPLOY');
    await monitor.poll(deps);
    // Someone deploys again on Railway while ours is still building: Railway removes ours.
    await deps.railway.redeploy(first.deployment.railway_deployment_id!);
    await monitor.poll(deps);
    expect(await deploymentRow(deps.db, redeploy.id)).toMatchObject({
      status: 'CANCELED',
      error_class: null,
    });
    expect((await instanceRow(deps.db, first.instance.id)).status).toBe('RUNNING');
  });
});

describe('Railway budget', () => {
  it('asks for 250 in-flight deployments and 20 log streams in ceil(250 / 100) requests per poll', async () => {
    // Its own simulator without rate limits: setting up 250 deployments should not take seconds.
    const unmetered = await createSimulator({ clock: 'manual', rateLimit: false, seed: 250 });
    const local = createTestDeps({
      db: deps.db,
      sim: unmetered,
      overrides: {
        railway: createRailwayClient({
          token: unmetered.token,
          endpoint: unmetered.url,
          publicUrlTemplate: unmetered.publicUrlTemplate,
          rateLimit: false,
        }),
      },
    });
    try {
      const { instance, deployment } = await deployInstance(local, unmetered);
      await Promise.all(
        Array.from({ length: 249 }, async () => {
          const next = await local.railway.redeploy(deployment.railway_deployment_id!);
          await recordDeployment(local, instance, next.id, 'REDEPLOY');
        }),
      );
      await expectStatusRequestsPerPoll(local, unmetered);
    } finally {
      await unmetered.close();
    }
  });
});

async function expectStatusRequestsPerPoll(local: WorkerDeps, unmetered: Simulator) {
  {
    const monitor = new DeploymentMonitor();
    // The template (its secret variables are redacted too) is read once per process and cached.
    await cachedTemplate(local.railway, unmetered.templates!.single.projectId);
    const before = unmetered.counters.snapshot();
    await monitor.poll(local);
    const after = unmetered.counters.snapshot();
    expect((after.byOperation.deployment ?? 0) - (before.byOperation.deployment ?? 0)).toBe(3);
    expect(
      (after.fieldsByOperation.deployment ?? 0) - (before.fieldsByOperation.deployment ?? 0),
    ).toBe(250);
    // The build logs of 20 of them ride along in the first of those requests: nothing else.
    expect(after.requests - before.requests).toBe(3);
    expect((after.byOperation.buildLogs ?? 0) - (before.byOperation.buildLogs ?? 0)).toBe(1);
    expect(
      (after.fieldsByOperation.buildLogs ?? 0) - (before.fieldsByOperation.buildLogs ?? 0),
    ).toBe(20);
  }
}
