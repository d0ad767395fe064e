import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Env } from './env';
import { formatLogLine, prefixLine } from './log-format';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: Env;
}

export interface Child {
  name: string;
  pid: number | undefined;
  /** Resolves with the exit code (128 + signal number when killed) once the process ended. */
  exited: Promise<number>;
  readonly running: boolean;
  /** SIGTERM (the child's graceful shutdown), SIGKILL after `graceMs`. */
  stop(graceMs: number): Promise<number>;
}

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = {
  SIGINT: 2,
  SIGKILL: 9,
  SIGTERM: 15,
};

/** Starts a child whose output lines are pretty-printed and prefixed with its name. */
export function startChild(spec: ChildSpec, write: (line: string) => void): Child {
  const proc = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let running = true;
  const exited = new Promise<number>((resolve) => {
    proc.once('error', (error) => {
      write(prefixLine(spec.name, `could not start: ${error.message}`));
      running = false;
      resolve(127);
    });
    proc.once('close', (code, signal) => {
      running = false;
      resolve(code ?? 128 + (signal ? (SIGNAL_NUMBERS[signal] ?? 1) : 1));
    });
  });
  for (const stream of [proc.stdout, proc.stderr]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      write(prefixLine(spec.name, formatLogLine(line)));
    });
  }
  return {
    name: spec.name,
    pid: proc.pid,
    exited,
    get running() {
      return running;
    },
    async stop(graceMs) {
      if (!running) return exited;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => {
        write(prefixLine(spec.name, `still running after ${graceMs} ms: killing it`));
        proc.kill('SIGKILL');
      }, graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
