import type { MiddlewareHandler } from 'hono';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie sessions (DESIGN §6): a state-changing request that carries cookies
 * must come from an allowed Origin. Requests without cookies (API keys) carry no ambient
 * authority a foreign page could borrow, so they pass; SameSite=Lax is the second layer.
 */
export function originCheck(allowedOrigins: Iterable<string>): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || !c.req.header('cookie')) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && allowed.has(origin)) return next();
    return c.json(
      {
        error: {
          code: 'FORBIDDEN',
          message:
            origin === undefined
              ? 'Missing Origin header on a cookie-authenticated request'
              : `Origin ${origin} is not allowed`,
        },
      },
      403,
    );
  };
}
