import { createDb } from '@roundhouse/db';
import { insertDeployment, insertRunningInstance } from '@roundhouse/db/testing';
import { describe, expect, it } from 'vitest';
import { useWorkerHarness } from './support/use-test-db';
import { defineTask } from '../src/define-task';
import { startOpsServer } from '../src/http/server';

const noop = defineTask('reconcile_orders', async () => {});

const { testDb, sim, harness } = useWorkerHarness({ tasks: [noop] });

describe('ops server', () => {
  it('serves /healthz: 200 while the runner runs and the database answers', async () => {
    const ops = await startOpsServer({
      db: testDb().db,
      registry: harness().metrics.registry,
      runnerAlive: harness().runner.isRunning,
      port: 0,
      host: '127.0.0.1',
    });
    try {
      const response = await fetch(`${ops.url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, runner: true, database: true });
      expect((await fetch(`${ops.url}/nope`)).status).toBe(404);
      expect((await fetch(`${ops.url}/healthz`, { method: 'POST' })).status).toBe(405);
    } finally {
      await ops.close();
    }
  });

  it('answers 503 naming the part that is down', async () => {
    const unreachable = createDb('postgres://rh:rh@127.0.0.1:1/none');
    const ops = await startOpsServer({
      db: unreachable,
      registry: harness().metrics.registry,
      runnerAlive: () => false,
      port: 0,
      host: '127.0.0.1',
    });
    try {
      const response = await fetch(`${ops.url}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ok: false, runner: false, database: false });
    } finally {
      await ops.close();
      await unreachable.destroy();
    }
  });

  it('exposes jobs, Railway requests and budget, and deployments by status on /metrics', async () => {
    await harness().runJob('reconcile_orders', {});
    const { instance } = await insertRunningInstance(testDb().db);
    await insertDeployment(testDb().db, instance.id, { status: 'BUILDING' });
    await insertDeployment(testDb().db, instance.id, { status: 'SUCCEEDED' });
    await insertDeployment(testDb().db, instance.id, { status: 'SUCCEEDED' });
    await harness().deps.railway.getTemplate(sim().templates?.single.projectId ?? '');

    const ops = await startOpsServer({
      db: testDb().db,
      registry: harness().metrics.registry,
      runnerAlive: harness().runner.isRunning,
      port: 0,
      host: '127.0.0.1',
    });
    try {
      const response = await fetch(`${ops.url}/metrics`);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toContain(
        'roundhouse_worker_jobs_total{task="reconcile_orders",outcome="success"} 1',
      );
      expect(text).toMatch(
        /roundhouse_worker_job_duration_seconds_count\{task="reconcile_orders"\} 1/,
      );
      expect(text).toMatch(
        /roundhouse_railway_requests_total\{operation="\w+",outcome="ok"\} [1-9]/,
      );
      expect(text).toMatch(/roundhouse_railway_budget_remaining\{window="second"\} \d+/);
      expect(text).toMatch(/roundhouse_railway_budget_remaining\{window="hour"\} \d+/);
      expect(text).toContain('roundhouse_deployments{status="BUILDING"} 1');
      expect(text).toContain('roundhouse_deployments{status="SUCCEEDED"} 2');
    } finally {
      await ops.close();
    }
  });
});
