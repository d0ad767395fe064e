import type { Context } from 'hono';
import { CLIENT_IP_HEADER, type Auth } from '../auth/auth';
import { clientIp } from './client-ip';

/**
 * better-auth at /api/auth/*. The client address it rate-limits sign-ins by is passed in a header
 * only we set: a client-sent value is overwritten (or removed when the address is unknown).
 */
export function authHandler(auth: Auth) {
  return (c: Context) => {
    const headers = new Headers(c.req.raw.headers);
    const ip = clientIp(c);
    if (ip === null) headers.delete(CLIENT_IP_HEADER);
    else headers.set(CLIENT_IP_HEADER, ip);
    const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    return auth.handler(
      new Request(c.req.raw.url, {
        method: c.req.method,
        headers,
        body: hasBody ? c.req.raw.body : undefined,
        signal: c.req.raw.signal,
        // Node's fetch needs this to pass a streaming body on.
        ...(hasBody ? { duplex: 'half' } : {}),
      }),
    );
  };
}
