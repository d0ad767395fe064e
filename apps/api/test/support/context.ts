import { generateKey, parseKeyring } from '@roundhouse/crypto';
import type { Db, User } from '@roundhouse/db';
import { pino } from 'pino';
import type { ApiContext, ApiServices, AuthUser, Caller } from '../../src/context';

/**
 * Contexts for calling routers directly (createCaller) in tests: real database, real keyring,
 * a caller built from a real user row. HTTP-level behaviour (cookies, API-key headers, Origin)
 * is tested separately through the server.
 */
export function testServices(db: Db): ApiServices {
  return {
    db,
    keyring: parseKeyring({ keys: `test:${generateKey()}` }),
    logger: pino({ level: 'silent' }),
    appUrl: 'http://localhost:3000',
  };
}

export function authUser(user: User): AuthUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role ?? 'user' };
}

export const anonymous: Caller = { kind: 'anonymous' };

export function sessionCaller(user: User): Caller {
  return { kind: 'session', user: authUser(user), sessionId: `session-${user.id}` };
}

export function apiKeyCaller(user: User, permissions: Record<string, string[]>): Caller {
  return { kind: 'apiKey', user: authUser(user), apiKeyId: `key-${user.id}`, permissions };
}

export function contextFor(services: ApiServices, caller: Caller): ApiContext {
  return { ...services, caller, ip: '127.0.0.1', resHeaders: new Headers() };
}
