import type { QueryClient } from '@tanstack/react-query';
import { notFound, redirect, type ParsedLocation } from '@tanstack/react-router';
import { sessionQueryOptions, type SessionUser } from '../lib/auth-client';

export interface RouterContext {
  queryClient: QueryClient;
}

/** appLayout: a signed-out visitor goes to sign-in and comes back to where they were going. */
export async function requireSession({
  context,
  location,
}: {
  context: RouterContext;
  location: ParsedLocation;
}): Promise<{ user: SessionUser }> {
  const user = await context.queryClient.ensureQueryData(sessionQueryOptions);
  if (!user) throw redirect({ to: '/sign-in', search: { next: location.href } });
  return { user };
}

/** openLayout: anyone may enter; the session is loaded first so the layout picks its chrome. */
export async function loadSession({ context }: { context: RouterContext }): Promise<void> {
  await context.queryClient.ensureQueryData(sessionQueryOptions);
}

/** adminLayout: customers get the not-found page, so the console's existence is not revealed. */
export function requireAdmin({ context }: { context: { user: SessionUser } }): void {
  if (context.user.role !== 'admin') throw notFound();
}
