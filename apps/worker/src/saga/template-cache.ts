import type { RailwayClient, RailwayTemplate } from '@roundhouse/railway-sdk';

/**
 * The template project changes rarely and reading it costs two Railway requests, so every clone
 * of the next few minutes reuses one read (DESIGN §3 step 1; the provisioning benchmark counts on
 * it). Concurrent clones share the read in flight; a failed read is not cached.
 */
const TTL_MS = 5 * 60_000;

interface Entry {
  at: number;
  template: Promise<RailwayTemplate>;
}

/** Per client, so two workspaces (or two simulators in one test run) never share an entry. */
const caches = new WeakMap<RailwayClient, Map<string, Entry>>();

export function cachedTemplate(
  railway: RailwayClient,
  projectId: string,
  now: number = Date.now(),
): Promise<RailwayTemplate> {
  let cache = caches.get(railway);
  if (!cache) caches.set(railway, (cache = new Map()));
  const hit = cache.get(projectId);
  if (hit && now - hit.at < TTL_MS) return hit.template;

  const template = railway.getTemplate(projectId);
  const entry: Entry = { at: now, template };
  cache.set(projectId, entry);
  template.catch(() => {
    if (cache.get(projectId) === entry) cache.delete(projectId);
  });
  return template;
}
