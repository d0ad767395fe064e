import type { RequestLogEntry } from '@roundhouse/railway-sdk/simulator';

/**
 * The most requests of `log` that ran one after another: the longest chain of non-overlapping
 * requests (greedy by end time). Requests sent in parallel overlap, so they count once.
 */
export function sequentialRoundTrips(log: readonly RequestLogEntry[]): number {
  let chain = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const entry of [...log].sort((a, b) => a.at + a.durationMs - (b.at + b.durationMs))) {
    if (entry.at >= lastEnd) {
      chain++;
      lastEnd = entry.at + entry.durationMs;
    }
  }
  return chain;
}

/** When the last serviceCreate of `log` was answered: every service's deployment has started. */
export function deployTriggeredAt(log: readonly RequestLogEntry[]): number | undefined {
  const ends = log
    .filter((entry) => entry.status === 200 && entry.operations.includes('serviceCreate'))
    .map((entry) => entry.at + entry.durationMs);
  return ends.length > 0 ? Math.max(...ends) : undefined;
}
