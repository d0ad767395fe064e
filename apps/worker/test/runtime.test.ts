import { enqueue } from '@roundhouse/db';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestDbAndSim } from './support/use-test-db';
import { defineTask } from '../src/define-task';
import { workerDb } from '../src/worker-tables';
import { createGate, eventually, type Gate } from './support/gate';
import { jobRow, lockJob } from './support/jobs';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness';

const { testDb, sim } = useTestDbAndSim();
const running: WorkerHarness[] = [];
let gate: Gate;
const started: string[] = [];
const aborted: string[] = [];

// Stand-in for a long job: it runs until the test opens the gate (or, if told to, ignores it).
const slow = defineTask('reconcile_orders', async (_payload, ctx) => {
  started.push(ctx.helpers.job.id);
  ctx.helpers.abortSignal?.addEventListener('abort', () => aborted.push(ctx.helpers.job.id));
  await gate.promise;
});

async function harness(options: Partial<Parameters<typeof startWorkerHarness>[0]> = {}) {
  const h = await startWorkerHarness({ db: testDb(), sim: sim(), tasks: [slow], ...options });
  running.push(h);
  return h;
}

afterEach(async () => {
  gate?.open();
  await Promise.all(running.splice(0).map((h) => h.stop()));
  await sql`delete from graphile_worker._private_jobs`.execute(testDb().db);
  started.length = 0;
  aborted.length = 0;
});

const processes = () => workerDb(testDb().db).selectFrom('worker_processes').selectAll().execute();

describe('graceful shutdown', () => {
  it('stops taking jobs, lets the running one finish, then deregisters', async () => {
    gate = createGate();
    const h = await harness({ concurrency: 1 });
    const first = await enqueue(testDb().db, 'reconcile_orders', {});
    await eventually(async () => (started.includes(first) ? true : undefined));
    const stopped = h.runner.stop();
    const second = await enqueue(testDb().db, 'reconcile_orders', {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(started).toEqual([first]);
    expect(await jobRow(testDb().db, first)).toMatchObject({ locked_by: h.runner.workerId });

    gate.open();
    await stopped;
    expect(await jobRow(testDb().db, first)).toBeUndefined(); // completed
    expect(await jobRow(testDb().db, second)).toMatchObject({ attempts: 0, locked_by: null });
    expect(started).toEqual([first]);
    expect(await processes()).toEqual([]);
    expect(h.runner.isRunning()).toBe(false);
  });

  it('at the deadline aborts the running job and hands it back for a retry', async () => {
    gate = createGate();
    const h = await harness({ concurrency: 1, shutdownTimeoutMs: 400 });
    const job = await enqueue(testDb().db, 'reconcile_orders', {}, { maxAttempts: 5 });
    await eventually(async () => (started.includes(job) ? true : undefined));
    const begun = Date.now();
    await h.runner.stop();
    expect(Date.now() - begun).toBeLessThan(5_000);
    expect(aborted).toEqual([job]);
    const row = await jobRow(testDb().db, job);
    expect(row).toMatchObject({ attempts: 1, locked_by: null });
    expect(row?.last_error).toBeTruthy();
    expect(await processes()).toEqual([]);
  });
});

describe('crash recovery', () => {
  it('on start releases jobs locked by a worker process that is gone, and runs them', async () => {
    gate = createGate();
    gate.open();
    const job = await enqueue(testDb().db, 'reconcile_orders', {}, { maxAttempts: 5 });
    await workerDb(testDb().db)
      .insertInto('worker_processes')
      .values({
        id: 'pool-dead',
        hostname: 'gone',
        pid: 1,
        heartbeat_at: new Date(Date.now() - 60_000),
      })
      .execute();
    await lockJob(testDb().db, job, 'pool-dead');

    const h = await harness();
    // released at start (not after graphile's 4 hours) and run by the new process
    const result = await h.waitForJob(job, 5_000);
    expect(result).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect((await processes()).map((p) => p.id)).toEqual([h.runner.workerId]);
  });

  it("never touches a live worker's locks, even when its heartbeat looks stale", async () => {
    gate = createGate();
    const a = await harness({ recovery: { heartbeatMs: 60_000, staleMs: 500 } });
    const job = await enqueue(testDb().db, 'reconcile_orders', {});
    await eventually(async () => (started.includes(job) ? true : undefined));
    // a stalled heartbeat: only the liveness lock says this process is still there
    await workerDb(testDb().db)
      .updateTable('worker_processes')
      .set({ heartbeat_at: new Date(Date.now() - 60_000) })
      .execute();

    const b = await harness({ recovery: { heartbeatMs: 100, staleMs: 500 } });
    await new Promise((resolve) => setTimeout(resolve, 400)); // several sweeps of b
    expect(await jobRow(testDb().db, job)).toMatchObject({
      locked_by: a.runner.workerId,
      attempts: 1,
    });
    expect((await processes()).map((p) => p.id).sort()).toEqual(
      [a.runner.workerId, b.runner.workerId].sort(),
    );
    expect(started).toEqual([job]);
  });

  it('leaves locks of pools it never registered to graphile-worker', async () => {
    const job = await enqueue(testDb().db, 'reconcile_orders', {});
    await lockJob(testDb().db, job, 'otpool-from-a-shell');
    await harness();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await jobRow(testDb().db, job)).toMatchObject({ locked_by: 'otpool-from-a-shell' });
  });
});
