import { createTestDatabase, type TestDatabase } from '@roundhouse/db/testing';
import { createSimulator, type Simulator } from '@roundhouse/railway-sdk/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerCronItems } from '../src/crontab';
import { createTaskList, defineTask } from '../src/define-task';
import { createTestDeps, startWorkerHarness } from './support/worker-harness';

let testDb: TestDatabase;
let sim: Simulator;

beforeAll(async () => {
  [testDb, sim] = await Promise.all([createTestDatabase(), createSimulator({ clock: 'manual' })]);
});
afterAll(async () => {
  await Promise.all([sim?.close(), testDb?.destroy()]);
});

describe('monitor ticker', () => {
  it('runs monitor_deployments every interval, never two at once, across two worker processes', async () => {
    let active = 0;
    let overlapped = false;
    const runs: number[] = [];
    const monitor = defineTask('monitor_deployments', async () => {
      active += 1;
      overlapped ||= active > 1;
      runs.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 150)); // longer than the interval
      active -= 1;
    });
    const options = {
      db: testDb,
      sim,
      tasks: [monitor],
      schedules: true,
      overrides: { config: { monitor: { checkIntervalMs: 100 } } },
    };
    const a = await startWorkerHarness(options);
    const b = await startWorkerHarness(options);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(overlapped).toBe(false);
    // back to back (each run takes 150 ms): about 1500 / 150, never a backlog of ticks
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(runs.length).toBeLessThanOrEqual(11);
  });
});

describe('crontab', () => {
  it('schedules only the tasks this worker runs', () => {
    const items = workerCronItems(new Set(['check_instance_health', 'send_notification']));
    expect(items.map((item) => item.task)).toEqual(['check_instance_health']);
    expect(items[0]?.options).toMatchObject({
      jobKey: 'cron:check_instance_health',
      maxAttempts: 1,
    });
  });

  it("hands a cron job's payload to the task without graphile's _cron bookkeeping", async () => {
    const seen: unknown[] = [];
    const task = defineTask('reap_stale_deployments', async (payload) => {
      seen.push(payload);
    });
    const list = createTaskList(createTestDeps({ db: testDb.db, sim }), [task]);
    const helpers = { job: { attempts: 1, max_attempts: 1 } } as never;
    await list.reap_stale_deployments?.({ _cron: { ts: '2026-01-01T00:00:00Z' } }, helpers);
    expect(seen).toEqual([{}]);
    await expect(list.reap_stale_deployments?.({ other: 1 }, helpers)).rejects.toThrow();
  });
});
