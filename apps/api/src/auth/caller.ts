import type { UserRole } from '@roundhouse/core';
import type { Db } from '@roundhouse/db';
import type { ApiServices, AuthUser, Caller } from '../context';
import { API_KEY_PREFIX, type Auth } from './auth';

const BANNED = 'This account is banned';
const BAD_KEY = 'Invalid, disabled or expired API key';

/** The API key a request carries: `x-api-key: rh_…` or `Authorization: Bearer rh_…`. */
export function apiKeyFrom(headers: Headers): string | undefined {
  const header = headers.get('x-api-key')?.trim();
  if (header) return header;
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.get('authorization') ?? '')?.[1];
  return bearer?.startsWith(API_KEY_PREFIX) ? bearer : undefined;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role?: string | null;
  banned?: boolean | null;
  banExpires?: Date | null;
}

/**
 * Who is calling, from the request's API key (verified by better-auth's api-key plugin) or else
 * its session cookie. An API key wins over cookies: a service call never acts through whatever
 * session cookie happens to ride along. Banned users (and bad keys) become anonymous with a
 * reason, which protected procedures report instead of a bare "Sign in first".
 * `resHeaders` receives the session cookie better-auth refreshes as it slides the expiry (now or,
 * when a background refresh of the cached caller slid it, on a later request).
 */
export async function resolveCaller(
  services: Pick<ApiServices, 'auth' | 'db' | 'callerCache' | 'logger'>,
  headers: Headers,
  resHeaders?: Headers,
): Promise<Caller> {
  const onRefreshError = (error: unknown) =>
    services.logger.warn(
      { err: error },
      'background caller refresh failed; entry kept until expiry',
    );
  const key = apiKeyFrom(headers);
  if (key !== undefined) {
    return services.callerCache.resolve(
      { kind: 'apiKey', value: key },
      { lookup: () => apiKeyCaller(services, key), resHeaders, onRefreshError },
    );
  }
  const cookie = headers.get('cookie');
  // No cookie, no session: better-auth would reach the same answer after parsing and signing.
  if (!cookie) return { kind: 'anonymous' };
  return services.callerCache.resolve(
    { kind: 'cookie', value: cookie },
    { lookup: (cookies) => sessionCaller(services, headers, cookies), resHeaders, onRefreshError },
  );
}

async function sessionCaller(
  services: { auth: Auth },
  headers: Headers,
  resHeaders: Headers,
): Promise<Caller> {
  const { headers: sessionHeaders, response } = await services.auth.api.getSession({
    headers,
    returnHeaders: true,
  });
  for (const cookie of sessionHeaders.getSetCookie()) resHeaders.append('set-cookie', cookie);
  if (!response) return { kind: 'anonymous' };
  if (isBanned(response.user)) return { kind: 'anonymous', refused: BANNED };
  return { kind: 'session', user: authUser(response.user), sessionId: response.session.id };
}

async function apiKeyCaller(services: { auth: Auth; db: Db }, key: string): Promise<Caller> {
  const result = await services.auth.api.verifyApiKey({ body: { key } });
  if (!result.valid || !result.key) return { kind: 'anonymous', refused: BAD_KEY };
  const user = await services.db
    .selectFrom('user')
    .select(['id', 'email', 'name', 'role', 'banned', 'banExpires'])
    .where('id', '=', result.key.referenceId)
    .executeTakeFirst();
  if (!user) return { kind: 'anonymous', refused: BAD_KEY };
  if (isBanned(user)) return { kind: 'anonymous', refused: BANNED };
  return {
    kind: 'apiKey',
    user: authUser(user),
    apiKeyId: result.key.id,
    permissions: result.key.permissions ?? {},
  };
}

/** A ban with an expiry in the past no longer applies (better-auth lifts it at next sign-in). */
function isBanned(user: Pick<UserRow, 'banned' | 'banExpires'>): boolean {
  if (!user.banned) return false;
  return !user.banExpires || new Date(user.banExpires).getTime() > Date.now();
}

function authUser(user: UserRow): AuthUser {
  const role: UserRole = user.role === 'admin' ? 'admin' : 'user';
  return { id: user.id, email: user.email, name: user.name, role };
}
