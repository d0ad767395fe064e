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
 * Refresh-ahead: a hit on an entry past half its TTL is served as usual and starts one lookup in
 * the background, so a client that keeps calling never waits for better-auth once warm (without
 * it, every client paid a lookup on its request every `ttlMs`, and clients that signed in
 * together paid it together: a burst in the latency tail). Idle entries simply expire.
 *
 * Bound on staleness: an entry counts from when its lookup STARTED, so a session or key revoked
 * at T is never served after T + `ttlMs` (another API replica notices within that). In this
 * process, sign-out, ban, role change and key revocation forget the entries at once (`forget*`),
 * and a lookup that was in flight meanwhile keeps nothing: it may have read what was revoked.
 */
export interface CallerCache {
  /** The cached caller for `credential`, or the answer of `resolution.lookup` (then cached). */
  resolve(credential: Credential, resolution: Resolution): Promise<Caller>;
  forgetUser(userId: string): void;
  forgetSession(sessionId: string): void;
  forgetApiKey(apiKeyId: string): void;
}

export type Credential = { kind: 'cookie'; value: string } | { kind: 'apiKey'; value: string };

/** What one request brings to resolve its credential. */
export interface Resolution {
  /** Asks better-auth who the credential is; cookies it sets (a slid session) go to `cookies`. */
  lookup(cookies: Headers): Promise<Caller>;
  /**
   * The request's response headers. They receive the cookies of its own lookup, or those a
   * background refresh set since (kept in the entry until a request can carry them).
   */
  resHeaders?: Headers;
  /** A background refresh failed: the entry is served until it expires, the next hit retries. */
  onRefreshError(error: unknown): void;
}

export interface CallerCacheOptions {
  /** Default 5 s. 0 disables the cache. */
  ttlMs?: number;
  /** Oldest entries go first past this size. Default 10,000. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  caller: Known;
  /** When the lookup that produced it started. */
  resolvedAt: number;
  /** `Set-Cookie` values a lookup produced with no response to put them on yet. */
  setCookies: string[];
}

export function createCallerCache(options: CallerCacheOptions = {}): CallerCache {
  const { ttlMs = 5_000, maxEntries = 10_000, now = Date.now } = options;
  const entries = new Map<string, Entry>();
  /** Keys with a background refresh in flight: at most one each. */
  const refreshing = new Set<string>();
  /** Bumped by every forget; a lookup that started before one may have read what it revoked. */
  let forgets = 0;

  const keyOf = (credential: Credential) =>
    credential.kind === 'cookie'
      ? `c:${credential.value}`
      : // The key itself never sits in memory longer than the request that carried it.
        `k:${createHash('sha256').update(credential.value).digest('base64url')}`;
  const forgetWhere = (matches: (caller: Known) => boolean) => {
    forgets += 1;
    for (const [key, entry] of entries) if (matches(entry.caller)) entries.delete(key);
  };
  const store = (key: string, entry: Entry) => {
    entries.delete(key);
    if (entries.size >= maxEntries) {
      const oldest = entries.keys().next();
      if (!oldest.done) entries.delete(oldest.value);
    }
    entries.set(key, entry);
  };

  /**
   * Runs a lookup and keeps its answer, unless a forget happened meanwhile or a newer answer is
   * already there. Refusals (session gone, key revoked, user banned) drop the entry.
   */
  const lookUp = async (key: string, lookup: Resolution['lookup'], resHeaders?: Headers) => {
    const resolvedAt = now();
    const epoch = forgets;
    const cookies = resHeaders ?? new Headers();
    const caller = await lookup(cookies);
    const previous = entries.get(key);
    if (caller.kind === 'anonymous') {
      entries.delete(key);
    } else if (epoch === forgets && (previous?.resolvedAt ?? -Infinity) <= resolvedAt) {
      const undelivered = resHeaders ? [] : cookies.getSetCookie();
      store(key, {
        caller,
        resolvedAt,
        setCookies: [...(previous?.setCookies ?? []), ...undelivered],
      });
    }
    return caller;
  };

  const refreshInBackground = (key: string, resolution: Resolution) => {
    refreshing.add(key);
    void lookUp(key, resolution.lookup)
      .catch(resolution.onRefreshError)
      .finally(() => refreshing.delete(key));
  };

  return {
    async resolve(credential, resolution) {
      const { lookup, resHeaders } = resolution;
      if (ttlMs <= 0) return lookup(resHeaders ?? new Headers());
      const key = keyOf(credential);
      const entry = entries.get(key);
      if (entry && resHeaders) {
        for (const cookie of entry.setCookies.splice(0)) resHeaders.append('set-cookie', cookie);
      }
      const age = entry ? now() - entry.resolvedAt : Infinity;
      // An expired entry stays until its replacement arrives: it may still hold cookies to send.
      if (!entry || age >= ttlMs) return lookUp(key, lookup, resHeaders);
      if (age >= ttlMs / 2 && !refreshing.has(key)) refreshInBackground(key, resolution);
      return entry.caller;
    },
    forgetUser: (userId) => forgetWhere((caller) => caller.user.id === userId),
    forgetSession: (sessionId) =>
      forgetWhere((caller) => caller.kind === 'session' && caller.sessionId === sessionId),
    forgetApiKey: (apiKeyId) =>
      forgetWhere((caller) => caller.kind === 'apiKey' && caller.apiKeyId === apiKeyId),
  };
}
