/** The part of a log line the merge needs: `seq` is the per-deployment offset the API pages by. */
export interface Sequenced {
  seq: number;
}

/** The offset to resume after: the last line's seq, or -1 (the API's "from the start"). */
export function lastSeq(lines: readonly Sequenced[]): number {
  return lines.at(-1)?.seq ?? -1;
}

/**
 * Adds lines from a history page or the live stream to what is loaded, in seq order, each seq
 * once. A reconnect after the tab slept resends what was already received, and history pages
 * and the stream overlap; both are harmless here. Returns `existing` itself when nothing is
 * new, so React can skip the render.
 */
export function mergeLines<L extends Sequenced>(
  existing: readonly L[],
  incoming: readonly L[],
): L[] {
  const tail = lastSeq(existing);
  const fresh = incoming.filter((line) => line.seq > tail);
  const late = fresh.length === incoming.length ? [] : incoming.filter((l) => l.seq <= tail);
  if (fresh.length === 0 && late.length === 0) return existing as L[];

  // Common case: everything new comes after what we have; an append is linear in the batch.
  const appended = late.length === 0 ? appendSorted(existing, fresh) : null;
  if (appended) return appended;

  const bySeq = new Map<number, L>();
  for (const line of existing) bySeq.set(line.seq, line);
  let added = false;
  for (const line of incoming) {
    if (bySeq.has(line.seq)) continue;
    bySeq.set(line.seq, line);
    added = true;
  }
  if (!added) return existing as L[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** `existing` + `fresh` when `fresh` is strictly increasing (the stream's order), else null. */
function appendSorted<L extends Sequenced>(
  existing: readonly L[],
  fresh: readonly L[],
): L[] | null {
  for (let i = 1; i < fresh.length; i += 1) {
    if ((fresh[i] as L).seq <= (fresh[i - 1] as L).seq) return null;
  }
  return [...existing, ...fresh];
}
