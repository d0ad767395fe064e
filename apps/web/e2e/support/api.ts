import type { AppRouter } from '@roundhouse/api/client';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import superjson from 'superjson';
import type { RunningSystem, StackUser } from './system';

/** Signs in through better-auth as the browser would; returns the session's `Cookie` header. */
export async function signIn(system: RunningSystem, user: StackUser): Promise<string> {
  const res = await fetch(`${system.apiUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: system.webUrl },
    body: JSON.stringify(user),
  });
  if (!res.ok) throw new Error(`sign-in of ${user.email} failed: HTTP ${res.status}`);
  await res.body?.cancel();
  return res.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** The typed tRPC client of a signed-in user (cookie + the dashboard's Origin). */
export function apiClient(system: RunningSystem, cookie: string): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${system.apiUrl}/trpc`,
        transformer: superjson,
        headers: { cookie, origin: system.webUrl },
      }),
    ],
  });
}

/** Polls `read` until `done` holds for its value; returns that value. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const until = Date.now() + (options.timeoutMs ?? 60_000);
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (done(last)) return last;
    if (Date.now() > until) {
      throw new Error(
        `${options.what ?? 'condition'} not met in time; last: ${JSON.stringify(last)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
}
