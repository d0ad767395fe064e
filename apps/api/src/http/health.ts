import { migrationStatus, type Db } from '@roundhouse/db';
import { Hono } from 'hono';

const READY_TIMEOUT_MS = 2_000;

/**
 * `/healthz`: the process is up (for restarts). `/readyz`: the database answers and every
 * migration is applied (for load balancers): 503 with the reason otherwise.
 */
export function healthRoutes(db: Db): Hono {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const reason = await notReadyReason(db);
      return reason === null
        ? c.json({ status: 'ready' })
        : c.json({ status: 'not_ready', reason }, 503);
    });
}

async function notReadyReason(db: Db): Promise<string | null> {
  try {
    const { pending } = await withTimeout(migrationStatus(db), READY_TIMEOUT_MS);
    return pending.length === 0 ? null : `pending migrations: ${pending.join(', ')}`;
  } catch {
    // Details (host, SQL) stay out of the response; the request log shows the 503.
    return 'database unreachable';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
