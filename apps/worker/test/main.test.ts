import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { generateKey } from '@roundhouse/crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useTestDb } from './support/use-test-db';
import { workerDb } from '../src/worker-tables';

const { testDb } = useTestDb();
let home: string;
beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'rh-worker-main-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

it('starts with only DATABASE_URL (in-process simulator), serves /healthz, and exits cleanly on SIGTERM', async () => {
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: {
      PATH: process.env.PATH,
      HOME: home,
      DATABASE_URL: testDb().url,
      ENCRYPTION_KEY: generateKey(),
      WORKER_PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout });
  const started = await new Promise<{ ops: string; workerId: string }>((resolve, reject) => {
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; ops?: string; workerId?: string };
      if (entry.msg === 'worker started') resolve(entry as { ops: string; workerId: string });
    });
    void exited.then((code) => reject(new Error(`worker exited (${code}) before starting`)));
  });

  const health = await fetch(`${started.ops}/healthz`);
  expect(health.status).toBe(200);
  const registered = await workerDb(testDb().db)
    .selectFrom('worker_processes')
    .select('id')
    .execute();
  expect(registered.map((row) => row.id)).toEqual([started.workerId]);

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(await workerDb(testDb().db).selectFrom('worker_processes').select('id').execute()).toEqual(
    [],
  );
});
