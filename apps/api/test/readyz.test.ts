import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createDb,
  migrateToLatest,
  startEmbeddedPostgres,
  type DatabaseHandle,
  type Db,
} from '@roundhouse/db';
import { createTestDatabase } from '@roundhouse/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness';

// A Postgres of this file's own, so it can be stopped and started again under a running API.
let dataDir: string;
let postgres: DatabaseHandle;
let db: Db;
let api: TestApi;

const start = () => startEmbeddedPostgres({ dataDir, persistent: true, database: 'readyz' });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'roundhouse-readyz-'));
  postgres = await start();
  db = createDb(postgres.url, { max: 2 });
  await migrateToLatest(db);
  api = await startTestApi({ db });
}, 120_000);

afterAll(async () => {
  await api?.close();
  await db?.destroy();
  await postgres?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function readyz(target = api): Promise<{ status: number; body: unknown }> {
  const response = await target.fetch('/readyz');
  return { status: response.status, body: await response.json() };
}

async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('is ready when the database answers and is migrated', async () => {
  expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
});

it('fails while the database is down and recovers when it is back', async () => {
  await postgres.stop();
  expect(await readyz()).toEqual({
    status: 503,
    body: { status: 'not_ready', reason: 'database unreachable' },
  });
  // The process itself is fine: only readiness fails.
  expect((await api.fetch('/healthz')).status).toBe(200);

  postgres = await start();
  await eventually(async () => (await readyz()).status === 200);
}, 60_000);

it('is not ready while migrations are pending', async () => {
  const empty = await createTestDatabase({ migrated: false });
  const unmigrated = await startTestApi({ db: empty.db });
  try {
    const { status, body } = await readyz(unmigrated);
    expect(status).toBe(503);
    expect((body as { reason: string }).reason).toMatch(/^pending migrations: .*0001_better_auth/);
  } finally {
    await unmigrated.close();
    await empty.destroy();
  }
});
