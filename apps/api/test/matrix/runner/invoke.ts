import { TRPCError, type AnyTRPCRouter } from '@trpc/server';
import type { ApiContext } from '../../../src/context';
import { createCallerFactory } from '../../../src/trpc';

export type Outcome = { ok: true; output: unknown } | { ok: false; code: string; message: string };

/** How long a subscription may take to yield its first event (fixtures have log lines). */
const FIRST_EVENT_MS = 5_000;

/**
 * Calls one procedure through createCaller. A subscription counts as answered once it yields
 * its first event (or ends); errors thrown while iterating count like errors at call time.
 */
export async function invoke(
  router: AnyTRPCRouter,
  ctx: ApiContext,
  path: string,
  input: unknown,
): Promise<Outcome> {
  const abort = new AbortController();
  const caller = createCallerFactory(router)(ctx, { signal: abort.signal });
  const fn = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  try {
    const output = await fn(input);
    if (!isAsyncIterable(output)) return { ok: true, output };
    return { ok: true, output: await firstEvent(output) };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code, message: error.message };
    throw error;
  } finally {
    abort.abort();
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

async function firstEvent(iterable: AsyncIterable<unknown>): Promise<unknown> {
  const iterator = iterable[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  try {
    const next = await Promise.race([
      iterator.next(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no event within ${FIRST_EVENT_MS} ms`)),
          FIRST_EVENT_MS,
        );
      }),
    ]);
    return next.done ? undefined : next.value;
  } finally {
    clearTimeout(timer);
    await iterator.return?.();
  }
}
