import { ResourceError } from '@roundhouse/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Db, enqueue } from '../src/index';
import { createTestDatabase, type TestDatabase } from '../src/testing';

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.destroy());
beforeEach(async () => {
  await sql`delete from graphile_worker._private_jobs`.execute(db);
});

interface JobRow {
  id: string;
  task_identifier: string;
  payload: unknown;
  queue_name: string | null;
  key: string | null;
  priority: number;
  max_attempts: number;
  run_at: Date;
}

/** Jobs as another connection sees them (i.e. only committed ones). */
async function committedJobs(): Promise<JobRow[]> {
  const { rows } = await sql<JobRow>`
    select j.id::text as id, j.task_identifier, p.payload, j.queue_name, j.key, j.priority,
           j.max_attempts, j.run_at
    from graphile_worker.jobs j join graphile_worker._private_jobs p using (id)
    order by j.id
  `.execute(db);
  return rows;
}

const instanceId = '6f1c1a3e-8a43-4d0c-9a61-1f8f0f1b2c3d';

describe('enqueue', () => {
  it("adds the job in the caller's transaction: invisible until commit", async () => {
    let jobId = '';
    await db.transaction().execute(async (trx) => {
      jobId = await enqueue(trx, 'clone_instance', { instanceId });
      expect(await committedJobs()).toEqual([]);
    });
    expect(await committedJobs()).toEqual([
      expect.objectContaining({
        id: jobId,
        task_identifier: 'clone_instance',
        payload: { instanceId },
      }),
    ]);
  });

  it('adds nothing when the transaction rolls back', async () => {
    const rollback = db.transaction().execute(async (trx) => {
      await enqueue(trx, 'clone_instance', { instanceId });
      throw new Error('payment check failed');
    });
    await expect(rollback).rejects.toThrow('payment check failed');
    expect(await committedJobs()).toEqual([]);
  });

  it('keeps one job per jobKey: a second enqueue updates the pending job', async () => {
    const first = await enqueue(db, 'clone_instance', { instanceId }, { jobKey: 'clone:1' });
    const otherId = '0b7f4a52-5a0e-4c8e-8f0a-4c1b2d3e4f50';
    const second = await enqueue(
      db,
      'clone_instance',
      { instanceId: otherId },
      { jobKey: 'clone:1' },
    );
    expect(second).toBe(first);
    const jobs = await committedJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ key: 'clone:1', payload: { instanceId: otherId } });
  });

  it('passes queue, run time, attempts and priority through', async () => {
    const runAt = new Date('2030-01-02T03:04:05.000Z');
    await enqueue(
      db,
      'send_notification',
      { notificationId: instanceId },
      { queueName: 'mail', runAt, maxAttempts: 3, priority: 5 },
    );
    expect(await committedJobs()).toEqual([
      expect.objectContaining({ queue_name: 'mail', run_at: runAt, max_attempts: 3, priority: 5 }),
    ]);
  });

  it('rejects a payload that breaks the job contract and adds nothing', async () => {
    const badPayloads = [
      { instanceId: 'not-a-uuid' },
      { instanceId, extra: true },
      {},
    ] as unknown as { instanceId: string }[];
    for (const payload of badPayloads) {
      await db.transaction().execute(async (trx) => {
        const attempt = enqueue(trx, 'clone_instance', payload);
        await expect(attempt).rejects.toBeInstanceOf(ResourceError);
        await expect(attempt).rejects.toThrow(/Invalid payload for job "clone_instance"/);
      });
    }
    const unknownTask = enqueue(db, 'no_such_task' as 'clone_instance', { instanceId });
    await expect(unknownTask).rejects.toThrow('Unknown job "no_such_task"');
    expect(await committedJobs()).toEqual([]);
  });
});
