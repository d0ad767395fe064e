import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { e2eEnv } from './env';
import { freePort, processesWithEnv } from './processes';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const READY = /Roundhouse is ready in/;

export interface StackUser {
  email: string;
  password: string;
}

export interface RunningSystem {
  /** The dashboard (Vite dev server), what a person opens. */
  webUrl: string;
  apiUrl: string;
  workerUrl: string;
  /** The Railway simulator's control API (`/_sim/outcomes`, `/_sim/faults`, `/_sim/state`…). */
  simControlUrl: string;
  dataDir: string;
  admin: StackUser;
  customer: StackUser;
  /** Everything the stack printed so far. */
  output(): string;
  /** Stops the stack as SIGTERM would; throws if any of its processes is left afterwards. */
  stop(): Promise<void>;
}

/**
 * Starts the whole system the way the README's `npm start` does (scripts/run.mjs, then the
 * devstack) on free ports with a throwaway data directory, and waits for its ready line.
 */
export async function startSystem(options: { timeoutMs?: number } = {}): Promise<RunningSystem> {
  const env = e2eEnv();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'roundhouse-e2e-'));
  // mkdtemp makes it 0700; under root, embedded Postgres runs as its own user and must get in.
  chmodSync(dataDir, 0o755);
  const [api, web, worker, sim] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'scripts/run.mjs'), '--filter', '@roundhouse/devstack', 'start'],
    {
      cwd: REPO_ROOT,
      // Its own process group, like a terminal's: stop() signals all of it.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...env.inherited,
        ROUNDHOUSE_E2E: '1',
        DATA_DIR: dataDir,
        PORT: String(api),
        WEB_PORT: String(web),
        WORKER_PORT: String(worker),
        SIM_PORT: String(sim),
        DATABASE_URL: '',
        FORCE_COLOR: '0',
      },
    },
  );
  let output = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exit.then(() => (exited = true));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (READY.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exit.then(() =>
      reject(new Error(`the stack exited before it was ready:\n${tail(output)}`)),
    );
  });

  const stop = async () => {
    if (!exited) process.kill(-child.pid!, 'SIGTERM');
    await exit;
    const left = await waitUntilGone(dataDir, 60_000);
    if (!env.keepData) rmSync(dataDir, { recursive: true, force: true });
    if (left.length > 0) {
      for (const pid of left) process.kill(pid, 'SIGKILL');
      throw new Error(`processes left after stop: ${left.join(', ')}\n${tail(output)}`);
    }
  };

  const timeoutMs = options.timeoutMs ?? 240_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ready,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`not ready after ${timeoutMs} ms:\n${tail(output)}`)),
          timeoutMs,
        );
      }),
    ]);
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const credentials = JSON.parse(
    readFileSync(path.join(dataDir, 'seed-credentials.json'), 'utf8'),
  ) as { admin: StackUser; customer: StackUser };
  return {
    webUrl: `http://localhost:${web}`,
    apiUrl: `http://127.0.0.1:${api}`,
    workerUrl: `http://127.0.0.1:${worker}`,
    simControlUrl: `http://127.0.0.1:${sim}/_sim`,
    dataDir,
    admin: credentials.admin,
    customer: credentials.customer,
    output: () => output,
    stop,
  };
}

/** Polls until no process carries the stack's DATA_DIR; returns the ones still there. */
async function waitUntilGone(dataDir: string, timeoutMs: number): Promise<number[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const left = processesWithEnv('DATA_DIR', dataDir);
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function tail(text: string, lines = 60): string {
  return text.split('\n').slice(-lines).join('\n');
}
