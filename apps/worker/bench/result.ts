import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS_DIR = fileURLToPath(new URL('../../../bench/results/', import.meta.url));

/** Progress goes to stderr, so stdout's last line stays the result (DESIGN §8). */
export const progress = (bench: string) => (message: string) =>
  console.error(`[bench:${bench}] ${message}`);

/** Prints `result` as the last line of stdout and writes it to <repo>/bench/results/<name>.json. */
export async function publishResult(name: string, result: Record<string, unknown>) {
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result));
}

/** The q-quantile (0..1) of `values` by nearest rank; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));
