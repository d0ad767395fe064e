import { randomUUID } from 'node:crypto';
import { enqueue } from '@roundhouse/db';
import { describe, expect, it } from 'vitest';
import { useTestDbAndSim } from './support/use-test-db';
import { startMonitorTicker, workerCronItems } from '../src/crontab';
import { createTaskList, defineTask } from '../src/define-task';
import { createTestDeps, startWorkerHarness } from './support/worker-harness';

const { testDb, sim } = useTestDbAndSim();

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
      db: testDb(),
      sim: sim(),
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

describe('monitoring priority', () => {
  it('gives the next free slot to the monitor, not to the next queued clone', async () => {
    const order: string[] = [];
    const slowClone = defineTask('clone_instance', async () => {
      order.push('clone');
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    const monitor = defineTask('monitor_deployments', async () => {
      order.push('monitor');
    });
    const harness = await startWorkerHarness({
      db: testDb(),
      sim: sim(),
      tasks: [slowClone, monitor],
      concurrency: 1,
      overrides: { config: { monitor: { checkIntervalMs: 60_000 } } },
    });
    try {
      // A queue of clones older than the monitor tick: by age they would all run first.
      for (let i = 0; i < 4; i++) {
        await enqueue(testDb().db, 'clone_instance', { instanceId: randomUUID() });
      }
      // The ticker enqueues the monitor behind them, as it does every interval in production.
      const stopTicker = startMonitorTicker(harness.deps, 60_000);
      await harness.drain({ timeoutMs: 10_000 });
      stopTicker();
    } finally {
      await harness.stop();
    }
    expect(order.indexOf('monitor')).toBeLessThanOrEqual(1);
    expect(order.filter((task) => task === 'clone')).toHaveLength(4);
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
    const list = createTaskList(createTestDeps({ db: testDb().db, sim: sim() }), [task]);
    const helpers = { job: { attempts: 1, max_attempts: 1 } } as never;
    await list.reap_stale_deployments?.({ _cron: { ts: '2026-01-01T00:00:00Z' } }, helpers);
    expect(seen).toEqual([{}]);
    await expect(list.reap_stale_deployments?.({ other: 1 }, helpers)).rejects.toThrow();
  });
});
