import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';

/** Each request's client address, resolved once by `clientAddress`. */
const addresses = new WeakMap<Request, string | null>();

/**
 * Resolves the client address of every request (audit log, request log, sign-in and order rate
 * limits). With no trusted proxy in front (`trustedProxyHops` 0) it is the peer of the
 * connection: forwarded-for headers are ignored, any client can send them. Behind
 * `trustedProxyHops` proxies (TRUST_PROXY_HOPS; Railway's edge is one), each of which appends the
 * address it received the request from to X-Forwarded-For, the client is the entry that many
 * places from the right: entries further left were written by the client itself and are never
 * believed. A header too short or not an address falls back to the peer.
 */
export function clientAddress(trustedProxyHops: number): MiddlewareHandler {
  return async (c, next) => {
    const peer = peerAddress(c);
    addresses.set(
      c.req.raw,
      trustedProxyHops > 0
        ? (forwardedClient(c.req.header('x-forwarded-for'), trustedProxyHops) ?? peer)
        : peer,
    );
    await next();
  };
}

/** The client address `clientAddress` resolved (the peer where it did not run). */
export function clientIp(c: Context): string | null {
  const resolved = addresses.get(c.req.raw);
  return resolved === undefined ? peerAddress(c) : resolved;
}

/** The address `hops` entries from the right of an X-Forwarded-For value, if it is one. */
export function forwardedClient(header: string | undefined, hops: number): string | null {
  const entries = (header ?? '').split(',').map((entry) => entry.trim());
  const entry = entries.length >= hops ? entries[entries.length - hops] : undefined;
  return entry && isIP(entry) !== 0 ? entry : null;
}

function peerAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    // In-process requests (app.request in tests) have no socket.
    return null;
  }
}
