const BASE = 'http://roundhouse.invalid';

/**
 * Where to go after sign-in: only a same-origin path (no `//host`, no scheme, no backslash
 * tricks), otherwise the fallback, so a crafted link cannot bounce users to another site.
 */
export function safeNext(next: unknown, fallback = '/instances'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//')) return fallback;
  if (next.includes('\\')) return fallback;
  try {
    const url = new URL(next, BASE);
    if (url.origin !== BASE) return fallback;
    if (url.pathname === '/sign-in' || url.pathname === '/sign-out') return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
