import { mkdir, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 100;
const WAIT_MS = 60_000;
/** A lock older than this was left by a process that died mid-start. */
const STALE_MS = 120_000;

/**
 * Cross-process mutual exclusion through an atomic `mkdir`: two dev processes (api and worker)
 * starting the same embedded cluster must not both run initdb or both start a server.
 */
export async function withDirLock<T>(lockDir: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = await stat(lockDir).catch(() => undefined);
      if (held && Date.now() - held.mtimeMs > STALE_MS) {
        await rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for lock ${lockDir}`);
      await sleep(POLL_MS);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}
