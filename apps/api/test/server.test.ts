import { PassThrough } from 'node:stream';
import { ResourceError } from '@roundhouse/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/root';
import { createTRPCRouter, publicProcedure } from '../src/trpc';
import { startTestApi, type TestApi } from './harness';

/** The real router plus a few procedures that fail or dawdle on purpose. */
let release: () => void = () => {};
const router = createTRPCRouter({
  ...appRouter._def.record,
  probe: {
    sqlError: publicProcedure.query(async ({ ctx }) => {
      await sql`select * from table_that_does_not_exist`.execute(ctx.db);
    }),
    missing: publicProcedure.query(() => {
      throw new ResourceError('Instance not found', { reason: 'NOT_FOUND' });
    }),
    slow: publicProcedure.mutation(
      () => new Promise<string>((resolve) => (release = () => resolve('finished'))),
    ),
  },
});

const logLines: Record<string, unknown>[] = [];
const logStream = new PassThrough();
logStream.on('data', (chunk: Buffer) => {
  for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
});

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ router, logTo: logStream });
});
afterAll(() => api?.close());

// Test-side view of tRPC's wire format: only the fields these tests read.
interface WireBody {
  status?: string;
  error?: { code?: string; message?: string; json?: { message: string; data: { code: string } } };
  result?: { data: { json: unknown } };
}

async function json(response: Response): Promise<WireBody> {
  return (await response.json()) as WireBody;
}

describe('HTTP surface', () => {
  it('/healthz answers while the process is up', async () => {
    const response = await api.fetch('/healthz');
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ status: 'ok' });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await api.fetch('/nope');
    expect(response.status).toBe(404);
    expect(await json(response)).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found' } });
  });

  it('hides stack and SQL of an internal error from the client, but logs it', async () => {
    const response = await api.fetch('/trpc/probe.sqlError');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).toContain('Internal server error');
    expect(text).not.toMatch(/table_that_does_not_exist|select|stack|\.ts:\d+/i);
    const logged = logLines.find((line) => line.msg === 'procedure failed');
    expect(JSON.stringify(logged)).toContain('table_that_does_not_exist');
  });

  it("maps core's domain errors to tRPC codes centrally", async () => {
    const response = await api.fetch('/trpc/probe.missing');
    expect(response.status).toBe(404);
    expect((await json(response)).error?.json).toMatchObject({
      message: 'Instance not found',
      data: { code: 'NOT_FOUND' },
    });
  });

  it('writes one redacted JSON log line per request', async () => {
    const user = await api.signUp();
    const key = await api.createApiKey(user.cookie, { instances: ['read'] });
    const before = logLines.length;
    await api.fetch('/trpc/apiKeys.list?batch=1&input={}', {
      headers: { cookie: user.cookie, 'x-api-key': key, authorization: `Bearer ${key}` },
    });
    await new Promise((resolve) => setImmediate(resolve));
    const lines = logLines.slice(before);
    expect(lines.filter((line) => line.event === 'request')).toEqual([
      expect.objectContaining({ method: 'GET', path: '/trpc/apiKeys.list', status: 403 }),
    ]);
    const printed = JSON.stringify(logLines);
    expect(printed).not.toContain(key);
    expect(printed).not.toContain(user.cookie.split('=')[1]!.slice(0, 20));
  });

  it('/metrics counts procedure calls by outcome and times requests', async () => {
    await api.fetch('/trpc/plans.list');
    await api.fetch('/trpc/probe.missing');
    const response = await api.fetch('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(
      /roundhouse_api_procedure_calls_total\{procedure="plans\.list",type="query",status="OK"\} [1-9]/,
    );
    expect(text).toMatch(
      /roundhouse_api_procedure_calls_total\{procedure="probe\.missing",type="query",status="NOT_FOUND"\} [1-9]/,
    );
    expect(text).toMatch(
      /roundhouse_api_procedure_duration_seconds_bucket\{le="0.02",procedure="plans\.list"/,
    );
    expect(text).toMatch(
      /roundhouse_api_http_requests_total\{method="GET",route="\/healthz",status="200"\} [1-9]/,
    );
    expect(text).toMatch(
      /roundhouse_api_http_request_duration_seconds_count\{method="GET",route="\/trpc\/\*"\} [1-9]/,
    );
  });
});

describe('graceful shutdown', () => {
  it('finishes an in-flight request, then refuses new connections', async () => {
    const inflight = api.fetch('/trpc/probe.slow', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = api.server.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    const response = await inflight;
    expect(response.status).toBe(200);
    expect((await json(response)).result?.data.json).toBe('finished');
    await closed;
    await expect(api.fetch('/healthz')).rejects.toThrow();
  });
});
