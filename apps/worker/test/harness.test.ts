import { describe, expect, it } from 'vitest';
import { useWorkerHarness } from './support/use-test-db';
import { defineTask } from '../src/define-task';

const calls: number[] = [];

// A stand-in task under a contract name the worker itself doesn't implement.
const flaky = defineTask('reconcile_orders', async (_payload, ctx) => {
  calls.push(ctx.attempt);
  if (!ctx.isLastAttempt) throw new Error(`attempt ${ctx.attempt} fails`);
});

const broken = defineTask('advance_subscriptions', async () => {
  throw new Error('always fails');
});

const { harness } = useWorkerHarness({ tasks: [flaky, broken] });

describe('worker harness', () => {
  it('runs a job through graphile-worker, retrying at once, until its last attempt', async () => {
    const result = await harness().runJob('reconcile_orders', {}, { maxAttempts: 3 });
    expect(result.status).toBe('succeeded');
    expect(result.attempts).toBe(3);
    expect(result.errors.map((error) => (error as Error).message)).toEqual([
      'attempt 1 fails',
      'attempt 2 fails',
    ]);
    expect(calls).toEqual([1, 2, 3]);
    await harness().drain();
    const metrics = await harness().metrics.registry.metrics();
    expect(metrics).toContain(
      'roundhouse_worker_jobs_total{task="reconcile_orders",outcome="retry"} 2',
    );
    expect(metrics).toContain(
      'roundhouse_worker_jobs_total{task="reconcile_orders",outcome="success"} 1',
    );
  });

  it('reports a job that used up its attempts as failed, and drain() then ignores it', async () => {
    const result = await harness().runJob('advance_subscriptions', {}, { maxAttempts: 2 });
    expect(result).toMatchObject({ status: 'failed', attempts: 2 });
    expect(result.errors).toHaveLength(2);
    await harness().drain({ task: 'advance_subscriptions', timeoutMs: 2_000 });
  });
});
