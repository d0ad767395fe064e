import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { generateKey } from '@roundhouse/crypto';
import { createTestDatabase, type TestDatabase } from '@roundhouse/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterReadyMessage } from '../src/cluster/primary';
import { deathBudget } from '../src/cluster/supervisor';

/**
 * API_WORKERS=2: the real entry point (src/main.ts under tsx, production mode) as a child
 * process, as an operator runs it. Which worker served a request is read from the request log
 * lines (their `worker` and `pid` fields); responses carry nothing of it.
 */

const API_DIR = fileURLToPath(new URL('..', import.meta.url));

interface LogLine {
  event?: string;
  worker?: number;
  pid?: number;
  path?: string;
  workerPid?: number;
}

const PASSWORD = 'cluster test password 0123456789';

/** Connections each worker may hold. */
const POOL_SIZE = 3;

/** Production serves /metrics only with a token. */
const METRICS_TOKEN = 'cluster-test-metrics-token';

let database: TestDatabase;
let dataDir: string;
let api: ChildProcess;
let port: number;
let workers: number[];
const logs: LogLine[] = [];
let exited: Promise<number | null>;

beforeAll(async () => {
  database = await createTestDatabase({ max: 1 });
  dataDir = await mkdtemp(path.join(tmpdir(), 'roundhouse-cluster-'));
  port = await freePort();
  api = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: API_DIR,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      API_WORKERS: '2',
      PORT: String(port),
      APP_URL: 'https://dashboard.cluster.test',
      AUTH_SECRET: generateKey(),
      ENCRYPTION_KEY: generateKey(),
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      METRICS_TOKEN,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  exited = new Promise((resolve) => api.once('exit', (code) => resolve(code)));
  createInterface({ input: api.stdout! }).on('line', (line) => {
    if (line.startsWith('{')) logs.push(JSON.parse(line) as LogLine);
  });
  const ready = await new Promise<ClusterReadyMessage>((resolve, reject) => {
    api.once('message', (message) => resolve(message as ClusterReadyMessage));
    api.once('exit', (code) => reject(new Error(`the API exited with ${code} before ready`)));
  });
  workers = ready.workers;
}, 60_000);

afterAll(async () => {
  if (api.exitCode === null && api.signalCode === null) {
    api.kill('SIGKILL');
    await exited;
  }
  await database.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

describe('API_WORKERS=2', () => {
  it('answers from both workers; /metrics counts for the whole cluster on either', async () => {
    expect(workers).toHaveLength(2);
    expect((await get('/readyz')).status).toBe(200);
    // Each request on a connection of its own: the primary hands connections out round-robin.
    for (let i = 0; i < 20; i += 1) {
      expect((await get('/healthz')).status).toBe(200);
      expect((await get('/trpc/plans.list')).status).toBe(200);
    }
    const before = logs.length;
    for (let i = 0; i < 4; i += 1) {
      const page = await get('/metrics');
      expect(page.status).toBe(200);
      expect(page.body).toContain(
        'roundhouse_api_http_requests_total{method="GET",route="/healthz",status="200"} 20\n',
      );
      expect(page.body).toContain(
        'roundhouse_api_procedure_calls_total{procedure="plans.list",type="query",status="OK"} 20\n',
      );
    }
    await until(() => requestsTo('/metrics', before).length === 4);
    expect(new Set(requestsTo('/metrics', before).map((line) => line.pid))).toEqual(
      new Set(workers),
    );
    const served = [...requestsTo('/healthz'), ...requestsTo('/trpc/plans.list')];
    expect(served).toHaveLength(40);
    expect(new Set(served.map((line) => line.pid))).toEqual(new Set(workers));
    expect(new Set(served.map((line) => line.worker))).toEqual(new Set([1, 2]));
    // One sandbox key file, made by the primary before the workers started.
    expect((await stat(path.join(dataDir, 'sandbox-payments.json'))).mode & 0o777).toBe(0o600);
  });

  it('each worker holds at most DATABASE_POOL_SIZE connections, however many requests wait', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => get('/readyz')));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const { rows } = await sql<{ pid: number }>`
      select pid from pg_stat_activity
      where datname = current_database() and application_name = 'roundhouse-api'`.execute(
      database.db,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.length).toBeLessThanOrEqual(2 * POOL_SIZE);
  });

  it('a sign-out handled by one worker is refused by the other at once, not after its cache', async () => {
    const origin = 'https://dashboard.cluster.test';
    const signUp = await send(new http.Agent(), 'POST', '/api/auth/sign-up/email', {
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'forget@cluster.test', password: PASSWORD, name: 'F' }),
    });
    expect(signUp.status).toBe(200);
    const cookie = signUp.cookies.map((value) => value.split(';')[0]).join('; ');
    // One kept-alive connection per worker, each worker's cache holding the session.
    const byPid = new Map<number, http.Agent>();
    for (let i = 0; i < 8 && byPid.size < 2; i += 1) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const before = logs.length;
      expect(
        (await send(agent, 'GET', '/trpc/subscriptions.list', { headers: { cookie } })).status,
      ).toBe(200);
      await until(() => requestsTo('/trpc/subscriptions.list', before).length === 1);
      byPid.set(requestsTo('/trpc/subscriptions.list', before)[0]!.pid!, agent);
    }
    const [signingOut, other] = [...byPid.values()] as [http.Agent, http.Agent];
    expect(other).toBeDefined();

    const signedOut = await send(signingOut, 'POST', '/api/auth/sign-out', {
      headers: { origin, cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(signedOut.status).toBe(200);
    // Without the relay the other worker would serve its cached entry for seconds more.
    const started = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - started < 2_000) {
      status = (await send(other, 'GET', '/trpc/subscriptions.list', { headers: { cookie } }))
        .status;
    }
    expect(status).toBe(401);
    expect(Date.now() - started).toBeLessThan(500);
    for (const agent of byPid.values()) agent.destroy();
  });

  it('counts sign-in attempts once for the whole cluster, whichever worker takes them', async () => {
    const origin = 'https://dashboard.cluster.test';
    const before = logs.length;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      // a connection of its own each: the primary deals them to both workers in turn
      const attempt = await send(new http.Agent(), 'POST', '/api/auth/sign-in/email', {
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'forget@cluster.test', password: 'not the password' }),
      });
      statuses.push(attempt.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    await until(() => requestsTo('/api/auth/sign-in/email', before).length === 6);
    expect(new Set(requestsTo('/api/auth/sign-in/email', before).map((line) => line.pid))).toEqual(
      new Set(workers),
    );
  });

  it('replaces a worker that dies, serving from the other one meanwhile', async () => {
    const [victim, survivor] = workers as [number, number];
    process.kill(victim, 'SIGKILL');
    await until(() => logs.some((line) => line.event === 'worker-died'));
    expect(logs.find((line) => line.event === 'worker-died')).toMatchObject({
      worker: 0,
      workerPid: victim,
    });
    expect((await get('/healthz')).status).toBe(200);
    // While the replacement starts (forked 0.5 s after the death, listening only once tsx has
    // loaded the API, a second or more later), a scrape still answers, from the workers that serve.
    await until(() => logs.filter((line) => line.event === 'worker-forked').length === 3);
    const scrapeStarted = Date.now();
    const scraped = await get('/metrics');
    expect(scraped.status).toBe(200);
    expect(scraped.body).toContain('roundhouse_api_http_requests_total');
    expect(Date.now() - scrapeStarted).toBeLessThan(3_000);
    await until(() => listening().length === 3, 20_000);
    const replacement = listening().find((pid) => !workers.includes(pid))!;
    expect(replacement).toBeGreaterThan(0);
    const before = logs.length;
    for (let i = 0; i < 6; i += 1) expect((await get('/healthz')).status).toBe(200);
    await until(() => requestsTo('/healthz', before).length === 6);
    expect(new Set(requestsTo('/healthz', before).map((line) => line.pid))).toEqual(
      new Set([survivor, replacement]),
    );
    workers = [survivor, replacement];
  }, 30_000);

  it('SIGTERM stops the workers, exits 0 and frees the port', async () => {
    api.kill('SIGTERM');
    const code = await Promise.race([exited, sleep(10_000).then(() => 'timed out')]);
    expect(code).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    await expect(listenOn(port)).resolves.toBeUndefined();
  });
});

describe('deathBudget', () => {
  it('refuses the fifth restart within the window, and allows again once deaths age out', () => {
    const budget = deathBudget(5, 60_000);
    expect([0, 10_000, 20_000, 30_000].map((t) => budget.allowsRestart(t))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(budget.allowsRestart(40_000)).toBe(false);
    // At 70 s the deaths at 0 and 10 s are older than the window: 4 remain, this one included.
    expect(budget.allowsRestart(70_000)).toBe(true);
  });
});

function requestsTo(route: string, from = 0): LogLine[] {
  return logs.slice(from).filter((line) => line.event === 'request' && line.path === route);
}

function listening(): number[] {
  return logs.filter((line) => line.event === 'listening').map((line) => line.pid!);
}

/** A GET on a connection of its own (no keep-alive agent); /metrics with its token. */
function get(route: string): Promise<{ status: number; body: string }> {
  const headers = route === '/metrics' ? { authorization: `Bearer ${METRICS_TOKEN}` } : {};
  return new Promise((resolve, reject) => {
    http
      .get(`http://127.0.0.1:${port}${route}`, { agent: false, headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.once('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .once('error', reject);
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: free } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return free;
}

/** Resolves once something can listen on `port` on every interface again. */
async function listenOn(free: number): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(free, '0.0.0.0', resolve);
  });
  await new Promise((resolve) => server.close(resolve));
}

/** A request on `agent` (kept-alive connections stay with their worker). */
function send(
  agent: http.Agent,
  method: 'GET' | 'POST',
  route: string,
  init: { headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; cookies: string[] }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`http://127.0.0.1:${port}${route}`, {
      agent,
      method,
      headers: init.headers,
    });
    request.once('error', reject);
    request.once('response', (response) => {
      response.resume();
      response.once('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          cookies: response.headers['set-cookie'] ?? [],
        }),
      );
    });
    request.end(init.body);
  });
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(25);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
