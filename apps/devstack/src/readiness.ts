/** Polls `url` until it answers 2xx; throws after `timeoutMs` or when `alive()` turns false. */
export async function waitForHttp(
  url: string,
  options: { timeoutMs: number; alive?: () => boolean; intervalMs?: number },
): Promise<void> {
  const until = Date.now() + options.timeoutMs;
  let last = 'no answer';
  for (;;) {
    if (options.alive && !options.alive()) throw new Error(`gave up on ${url}: its process ended`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > until)
      throw new Error(`${url} not ready after ${options.timeoutMs} ms (${last})`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
