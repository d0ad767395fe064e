import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { enqueue } from '@roundhouse/db';
import { expect, it } from 'vitest';
import { useTestDbAndSim } from './support/use-test-db';
import { defineTask } from '../src/define-task';
import { workerDb } from '../src/worker-tables';
import { jobRow } from './support/jobs';
import { startWorkerHarness } from './support/worker-harness';

const { testDb, sim } = useTestDbAndSim();

it('a job held by a worker killed with SIGKILL is run again within seconds, not hours', async () => {
  const job = await enqueue(testDb().db, 'reconcile_orders', {}, { maxAttempts: 3 });
  const script = fileURLToPath(new URL('./support/kill-target.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, testDb().url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
  expect(first).toBe(`started ${job}`);
  const dead = (await jobRow(testDb().db, job))?.locked_by;
  expect(dead).toMatch(/^pool-/);

  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  expect(await jobRow(testDb().db, job)).toMatchObject({ locked_by: dead }); // still locked

  const killedAt = Date.now();
  const harness = await startWorkerHarness({
    db: testDb(),
    sim: sim(),
    tasks: [defineTask('reconcile_orders', async () => {})],
    recovery: { heartbeatMs: 200, staleMs: 600 },
  });
  try {
    const result = await harness.waitForJob(job, 10_000);
    expect(result).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    const processes = await workerDb(testDb().db)
      .selectFrom('worker_processes')
      .select('id')
      .execute();
    expect(processes.map((p) => p.id)).toEqual([harness.runner.workerId]);
  } finally {
    await harness.stop();
  }
});
