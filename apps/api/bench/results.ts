import { fork } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Pieces every api bench shares: the machine's state, the result file, the client process. */

const RESULTS_DIR = fileURLToPath(new URL('../../../bench/results/', import.meta.url));

export const round2 = (value: number) => Math.round(value * 100) / 100;

/** 1/5/15-minute load averages: other work on the machine skews every figure, so it is recorded. */
export function loadAverage(): number[] {
  return os.loadavg().map(round2);
}

/** Writes `<repo>/bench/results/<name>.json` and prints the result as the last line (DESIGN §8). */
export async function publishResult(name: string, result: object): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result));
}

/**
 * Runs `module` (a .ts file next to this one) in a child process of its own, so the load does not
 * share the server's event loop (remote clients wouldn't; they do share the cores), sends it
 * `plan` over IPC and resolves with the one message it answers.
 */
export function runInChild<Report>(module: string, plan: unknown): Promise<Report> {
  const child = fork(fileURLToPath(new URL(module, import.meta.url)), {
    execArgv: ['--import', 'tsx'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (report) => resolve(report as Report));
    child.once('exit', (code) => reject(new Error(`${module} exited with ${code}`)));
    child.send(plan as object);
  });
}
