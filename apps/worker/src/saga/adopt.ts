import { toRoundhouseError } from '@roundhouse/core';

export interface CreateOrAdoptOptions<T> {
  /** Look before creating: an earlier run may have created it without recording it. */
  lookFirst: boolean;
  /** Finds what a create would have made (project by name, service by name, domain by service). */
  find: () => Promise<T | null>;
  create: () => Promise<T>;
}

/**
 * Railway has no idempotency keys (DESIGN §3), so a create is made safe by looking: before it
 * when an earlier run may have sent it, and after it when it failed with an unknown outcome
 * (`mayHaveBeenApplied`: timeout, lost response, 5xx). Only when the look finds nothing is the
 * create sent (again). A second unknown outcome is thrown: the next run looks first.
 */
export async function createOrAdopt<T>(
  options: CreateOrAdoptOptions<T>,
): Promise<{ value: T; adopted: boolean }> {
  if (options.lookFirst) {
    const found = await options.find();
    if (found !== null) return { value: found, adopted: true };
  }
  try {
    return { value: await options.create(), adopted: false };
  } catch (thrown) {
    const error = toRoundhouseError(thrown);
    if (!error.mayHaveBeenApplied) throw error;
    const found = await options.find();
    if (found !== null) return { value: found, adopted: true };
    return { value: await options.create(), adopted: false };
  }
}

/**
 * Sends an idempotent write (e.g. a service's settings) again, up to `sends` times in all, when
 * its outcome is unknown (timeout, lost response, 5xx): applying it twice changes nothing, so
 * there is nothing to look for first, and failing the whole saga run over it would spend one of
 * the clone's few attempts on a blip. Errors known not to be worth a resend are thrown at once.
 */
export async function resendIdempotent<T>(write: () => Promise<T>, sends = 3): Promise<T> {
  for (let sent = 1; ; sent++) {
    try {
      return await write();
    } catch (thrown) {
      const error = toRoundhouseError(thrown);
      if (!error.retryable || !error.mayHaveBeenApplied || sent >= sends) throw error;
    }
  }
}

/**
 * Like Promise.all, but waits for every promise before rejecting with the first error, so no
 * step of a failed batch is still writing when the caller compensates or retries.
 */
export async function settleAll<T>(promises: readonly (T | Promise<T>)[]): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<T>).value);
}
