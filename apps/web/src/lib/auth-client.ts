import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { adminClient } from 'better-auth/client/plugins';
import { createAuthClient } from 'better-auth/react';

/** better-auth's client on the same origin (/api/auth, proxied in dev). */
export const authClient = createAuthClient({ plugins: [adminClient()] });

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  /** 'user' or 'admin' (better-auth's admin plugin). */
  role: string;
}

export function toSessionUser(user: {
  id: string;
  email: string;
  name: string;
  role?: string | null;
}): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role ?? 'user' };
}

/**
 * The session, cached in the query client so route guards and the layout share one request.
 * A guard re-checks once it is a minute old; sign-in and sign-out reset it explicitly.
 */
export const sessionQueryOptions = queryOptions({
  queryKey: ['auth', 'session'] as const,
  queryFn: async (): Promise<SessionUser | null> => {
    const { data, error } = await authClient.getSession();
    if (error) throw Object.assign(new Error(error.message ?? 'Session check failed'), error);
    return data?.user ? toSessionUser(data.user) : null;
  },
  staleTime: 60_000,
});

/** After sign-in/out: drop every cached query (they belonged to the previous user). */
export async function resetSession(queryClient: QueryClient): Promise<SessionUser | null> {
  queryClient.removeQueries();
  return queryClient.fetchQuery(sessionQueryOptions);
}

/** The signed-in user (null when signed out), from the same cache the route guards fill. */
export function useSessionUser(): { user: SessionUser | null; isPending: boolean } {
  const session = useQuery(sessionQueryOptions);
  return { user: session.data ?? null, isPending: session.isPending };
}
