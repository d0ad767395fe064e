import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClusterReadyMessage } from '../src/cluster/primary';

/**
 * The API as the benches load it: `src/main.ts` in a child process of its own, started the way
 * an operator starts it (node --import tsx, NODE_ENV=production, API_WORKERS workers), on a free
 * port, so the server's event loops, cores and CPU time are its own and measurable from /proc.
 */

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
/** Startup of a primary and its workers under tsx on a busy 2-core machine. */
const START_TIMEOUT_MS = 90_000;
/** Longer than the primary's own deadline for its workers (15 s). */
const STOP_TIMEOUT_MS = 20_000;

export interface ApiProcessOptions {
  databaseUrl: string;
  /** API_WORKERS: 1 runs one process, more a node:cluster primary and its workers. */
  workers: number;
  appUrl: string;
  /** The bench's own services can then mint sessions the API accepts. */
  authSecret: string;
  /** ENCRYPTION_KEYS (`id:base64`). */
  encryptionKeys: string;
  /** DATA_DIR (sandbox payment keys); default: a temporary directory stop() removes. */
  dataDir?: string;
  /** LOG_LEVEL; default warn. */
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
  /** Where the API's log lines go: this process's stderr (default) or nowhere. */
  logs?: 'stderr' | 'discard';
  /** More configuration, e.g. PAYMENTS_MODE, RAILWAY_TEMPLATE_PROJECT_ID, NODE_OPTIONS. */
  env?: Record<string, string>;
}

export interface ApiProcess {
  /** Loopback base URL, no trailing slash. */
  url: string;
  dataDir: string;
  /** The API's processes now: the one started, and its cluster workers (not tsx's esbuild). */
  pids(): number[];
  /** SIGTERM (the graceful shutdown) and its exit; SIGKILL after STOP_TIMEOUT_MS. */
  stop(): Promise<void>;
}

/** Starts the API and resolves once it is ready: every worker listens and /readyz is 200. */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'roundhouse-bench-api-')));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: API_DIR,
    // Exactly the configuration given: nothing leaks in from the bench's own environment.
    env: {
      ...options.env,
      NODE_ENV: 'production',
      API_WORKERS: String(options.workers),
      PORT: String(port),
      APP_URL: options.appUrl,
      AUTH_SECRET: options.authSecret,
      ENCRYPTION_KEYS: options.encryptionKeys,
      DATABASE_URL: options.databaseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: options.logLevel ?? 'warn',
    },
    // Logs to our stderr (fd 2), keeping stdout for the bench's result line.
    stdio: ['ignore', options.logs === 'discard' ? 'ignore' : 2, 2, 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const code = await exited;
    clearTimeout(kill);
    if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    if (code !== 0) throw new Error(`the API process exited with ${code} on SIGTERM`);
  };
  const starting = new AbortController();
  const timer = setTimeout(
    () => starting.abort(new Error(`the API was not ready after ${START_TIMEOUT_MS} ms`)),
    START_TIMEOUT_MS,
  );
  void exited.then((code) => starting.abort(new Error(`the API exited with ${code} at start`)));
  try {
    await ready(child, options.workers, url, starting.signal);
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { url, dataDir, pids: () => [child.pid!, ...workerPids(child.pid!)], stop };
}

async function ready(
  child: ChildProcess,
  workers: number,
  url: string,
  signal: AbortSignal,
): Promise<void> {
  // A cluster's /readyz answers as soon as its first worker listens; connections made then
  // would all stay with that worker, so wait for the primary's word that all of them listen.
  if (workers > 1) {
    await new Promise<void>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason as Error));
      child.on('message', (message: ClusterReadyMessage) => {
        if (message.event === 'ready') resolve();
      });
    });
  }
  for (;;) {
    signal.throwIfAborted();
    const answer = await fetch(`${url}/readyz`).catch(() => undefined);
    await answer?.body?.cancel();
    if (answer?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Children of `primary` running the same executable (its cluster workers), from /proc: ppid is
 * the 2nd field after the parenthesised command name.
 */
function workerPids(primary: number): number[] {
  const exe = (pid: number | string) => readlinkSync(`/proc/${pid}/exe`);
  const primaryExe = exe(primary);
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === primary && exe(pid) === primaryExe;
      } catch {
        return false; // ended meanwhile
      }
    })
    .map(Number);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
