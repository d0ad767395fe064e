import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WORKER_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface ChaosWorker {
  /** Worker processes started so far (1 + restarts). */
  readonly generation: number;
  /** Set when a worker process exited without being told to (e.g. it failed at startup). */
  readonly crashed: string | undefined;
  /** SIGKILL, as the kernel's OOM killer or a lost host would; then starts a fresh one. */
  killAndRestart(): Promise<void>;
  /** SIGTERM (graceful shutdown) and wait for the exit code. */
  stop(): Promise<number | null>;
}

/**
 * The real worker (src/main.ts) as a child process with `env` as its whole environment (nothing
 * leaks in from the bench's own). Each process's output goes to `<logDir>/worker-<n>.log`.
 */
export function startChaosWorker(env: Record<string, string>, logDir: string): ChaosWorker {
  let generation = 0;
  let child: ChildProcess;
  let crashed: string | undefined;
  const expected = new WeakSet<ChildProcess>();
  const start = () => {
    generation++;
    const log = createWriteStream(path.join(logDir, `worker-${generation}.log`));
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: WORKER_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const self = child;
    const n = generation;
    self.once('exit', (code, signal) => {
      if (expected.has(self)) return;
      crashed ??= `worker #${n} exited on its own (code ${code}, signal ${signal}); see its log`;
    });
  };
  const exited = (proc: ChildProcess) =>
    proc.exitCode !== null || proc.signalCode !== null
      ? Promise.resolve(proc.exitCode)
      : new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  start();
  return {
    get generation() {
      return generation;
    },
    get crashed() {
      return crashed;
    },
    async killAndRestart() {
      const dying = child;
      expected.add(dying);
      dying.kill('SIGKILL');
      await exited(dying);
      start();
    },
    async stop() {
      expected.add(child);
      child.kill('SIGTERM');
      return exited(child);
    },
  };
}
