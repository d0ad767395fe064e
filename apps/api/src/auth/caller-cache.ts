import { createHash } from 'node:crypto';
import type { Caller } from '../context';

type Known = Exclude<Caller, { kind: 'anonymous' }>;

/**
 * Who a credential resolved to, remembered for a few seconds. Resolving a session cookie or an
 * API key costs better-auth two to four queries (and an UPDATE for keys) on every request; a
 * dashboard sends several requests a second with the same cookie. Only successful resolutions
 * are kept, keyed by the exact credential better-auth already verified (its signed session
 * cookie, or the hash of an API key), so a hit never trusts anything unverified.
 *
 * Bound on staleness: in this process, sign-out, ban, role change and key revocation forget the
 * entries at once (`forget*`); another API replica notices within `ttlMs`.
 */
export interface CallerCache {
  get(credential: Credential): Known | undefined;
  set(credential: Credential, caller: Known): void;
  forgetUser(userId: string): void;
  forgetSession(sessionId: string): void;
  forgetApiKey(apiKeyId: string): void;
}

export type Credential = { kind: 'cookie'; value: string } | { kind: 'apiKey'; value: string };

export interface CallerCacheOptions {
  /** Default 5 s. 0 disables the cache. */
  ttlMs?: number;
  /** Oldest entries go first past this size. Default 10,000. */
  maxEntries?: number;
  now?: () => number;
}

export function createCallerCache(options: CallerCacheOptions = {}): CallerCache {
  const { ttlMs = 5_000, maxEntries = 10_000, now = Date.now } = options;
  const entries = new Map<string, { caller: Known; expires: number }>();
  const keyOf = (credential: Credential) =>
    credential.kind === 'cookie'
      ? `c:${credential.value}`
      : // The key itself never sits in memory longer than the request that carried it.
        `k:${createHash('sha256').update(credential.value).digest('base64url')}`;
  const forgetWhere = (matches: (caller: Known) => boolean) => {
    for (const [key, entry] of entries) if (matches(entry.caller)) entries.delete(key);
  };

  return {
    get(credential) {
      if (ttlMs <= 0) return undefined;
      const key = keyOf(credential);
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expires <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.caller;
    },
    set(credential, caller) {
      if (ttlMs <= 0) return;
      const key = keyOf(credential);
      entries.delete(key);
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, { caller, expires: now() + ttlMs });
    },
    forgetUser: (userId) => forgetWhere((caller) => caller.user.id === userId),
    forgetSession: (sessionId) =>
      forgetWhere((caller) => caller.kind === 'session' && caller.sessionId === sessionId),
    forgetApiKey: (apiKeyId) =>
      forgetWhere((caller) => caller.kind === 'apiKey' && caller.apiKeyId === apiKeyId),
  };
}
