/** One row's outcome of a bulk action. */
export type BulkResult<Id extends string = string> =
  { id: Id; ok: true } | { id: Id; ok: false; error: unknown };

/**
 * Runs `action` for every id, at most `concurrency` at a time (the API rate-limits admins too),
 * and reports each row's outcome in the order given: one failure never stops the others.
 */
export async function runBulk<Id extends string>(
  ids: readonly Id[],
  action: (id: Id) => Promise<unknown>,
  concurrency = 4,
): Promise<BulkResult<Id>[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const results: BulkResult<Id>[] = new Array(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const index = next++;
      const id = ids[index] as Id;
      try {
        await action(id);
        results[index] = { id, ok: true };
      } catch (error) {
        results[index] = { id, ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  return results;
}
