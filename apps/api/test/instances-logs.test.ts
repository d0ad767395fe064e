import { insertUser } from '@roundhouse/db/testing';
import { describe, expect, it } from 'vitest';
import { useTestServices } from './support/use-test-db';
import { appendLogs, instancesApi, seedInstance } from './instances-fixtures';

const { db, services } = useTestServices();

/** A RUNNING instance whose current deployment has `lines` stored log lines. */
async function withLogs(lines: number, status: 'SUCCEEDED' | 'BUILDING' = 'SUCCEEDED') {
  const seeded = await seedInstance(db(), {
    status: status === 'SUCCEEDED' ? 'RUNNING' : 'DEPLOYING',
    deployments: [{ status: 'SUCCEEDED' }, { status }],
  });
  const deploymentId = seeded.deployments[1]?.id as string;
  await appendLogs(db(), deploymentId, 0, lines);
  return { ...seeded, deploymentId, api: instancesApi(services(), seeded.user) };
}

type Stream = AsyncIterable<[string, { seq: number; message: string; deploymentId: string }]>;

/** Collects [eventId, seq] of a stream until it ends (or `max` events). */
async function drain(stream: Stream, max = Infinity) {
  const events: [string, number][] = [];
  for await (const [id, line] of stream) {
    events.push([id, line.seq]);
    if (events.length >= max) break;
  }
  return events;
}

describe('instances.logs', () => {
  it('pages by offset without gaps or duplicates and says when the deployment is done', async () => {
    const { api, instance, deploymentId } = await withLogs(25);
    const seqs: number[] = [];
    let afterSeq = -1;
    let page;
    do {
      page = await api.logs({ instanceId: instance.id, afterSeq, limit: 10 });
      expect(page.deploymentId).toBe(deploymentId);
      seqs.push(...page.lines.map((line) => line.seq));
      afterSeq = page.nextSeq;
    } while (page.hasMore);
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(page).toMatchObject({ finished: true, nextSeq: 24, deploymentStatus: 'SUCCEEDED' });
    expect(page.lines.at(-1)).toMatchObject({ seq: 24, message: 'line 24', stream: 'build' });

    const after = await api.logs({ instanceId: instance.id, afterSeq: 24 });
    expect(after).toMatchObject({ lines: [], nextSeq: 24, hasMore: false, finished: true });
  });

  it('is never finished while the deployment is in flight', async () => {
    const { api, instance } = await withLogs(3, 'BUILDING');
    const page = await api.logs({ instanceId: instance.id });
    expect(page).toMatchObject({ hasMore: false, finished: false, nextSeq: 2 });
  });

  it('reads an older deployment by id, and nothing before the first deployment', async () => {
    const { api, instance, deployments } = await withLogs(2);
    const older = deployments[0]?.id as string;
    await appendLogs(db(), older, 0, 5);
    const page = await api.logs({ instanceId: instance.id, deploymentId: older });
    expect(page.lines).toHaveLength(5);

    const fresh = await seedInstance(db(), { status: 'PROVISIONING' });
    expect(
      await instancesApi(services(), fresh.user).logs({ instanceId: fresh.instance.id }),
    ).toMatchObject({ deploymentId: null, lines: [], finished: false });
  });

  it("is NOT_FOUND for another customer's instance, or a deployment of another instance", async () => {
    const a = await withLogs(2);
    const b = await withLogs(2);
    const stranger = instancesApi(services(), await insertUser(db()));
    await expect(stranger.logs({ instanceId: a.instance.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // B names their own instance but A's deployment.
    await expect(
      b.api.logs({ instanceId: b.instance.id, deploymentId: a.deploymentId }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      stranger.logsStream({ instanceId: a.instance.id, deploymentId: a.deploymentId }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses bad input with BAD_REQUEST', async () => {
    const { api, instance } = await withLogs(1);
    for (const input of [
      { instanceId: instance.id, limit: 1001 },
      { instanceId: instance.id, limit: 0 },
      { instanceId: instance.id, afterSeq: -2 },
      { instanceId: instance.id, deploymentId: 'x' },
    ]) {
      await expect(api.logs(input)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(
      api.logsStream({ instanceId: instance.id, lastEventId: 'garbage' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('lastEventId'),
    });
  });
});

describe('instances.logsStream', () => {
  it('sends every line of a finished deployment with resumable ids, then ends', async () => {
    const { api, instance, deploymentId } = await withLogs(4);
    const events = await drain((await api.logsStream({ instanceId: instance.id })) as Stream);
    expect(events).toEqual([0, 1, 2, 3].map((seq) => [`${deploymentId}:${seq}`, seq]));
  });

  it('resumes after the last event id a reconnecting client sends, or after afterSeq', async () => {
    const { api, instance, deploymentId } = await withLogs(6);
    const resumed = await drain(
      (await api.logsStream({
        instanceId: instance.id,
        lastEventId: `${deploymentId}:3`,
      })) as Stream,
    );
    expect(resumed.map(([, seq]) => seq)).toEqual([4, 5]);
    const fromOffset = await drain(
      (await api.logsStream({ instanceId: instance.id, afterSeq: 4 })) as Stream,
    );
    expect(fromOffset.map(([, seq]) => seq)).toEqual([5]);
    await expect(
      api.logsStream({
        instanceId: instance.id,
        deploymentId: crypto.randomUUID(),
        lastEventId: `${deploymentId}:3`,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('follows a deployment in flight and ends once it is over and every line was sent', async () => {
    const { api, instance, deploymentId } = await withLogs(2, 'BUILDING');
    const stream = (await api.logsStream({ instanceId: instance.id })) as Stream;
    const collected = drain(stream);
    await appendLogs(db(), deploymentId, 2, 3);
    await new Promise((resolve) => setTimeout(resolve, 700));
    // The last lines are stored together with the final status, as the worker does.
    await db()
      .transaction()
      .execute(async (trx) => {
        await appendLogs(trx, deploymentId, 5, 2);
        await trx
          .updateTable('deployments')
          .set({ status: 'FAILED', finished_at: new Date() })
          .where('id', '=', deploymentId)
          .execute();
      });
    expect((await collected).map(([, seq]) => seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('stops when the client goes away', async () => {
    const abort = new AbortController();
    const seeded = await withLogs(1, 'BUILDING');
    const api = instancesApi(services(), seeded.user, abort.signal);
    const stream = (await api.logsStream({ instanceId: seeded.instance.id })) as Stream;
    const collected = drain(stream);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    abort.abort();
    expect((await collected).map(([, seq]) => seq)).toEqual([0]);
    expect(Date.now() - started).toBeLessThan(400);
  });
});
