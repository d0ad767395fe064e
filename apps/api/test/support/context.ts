import { generateKey } from '@roundhouse/crypto';
import type { Db, User } from '@roundhouse/db';
import { pino } from 'pino';
import type { ApiContext, ApiServices, AuthUser, Caller } from '../../src/context';
import { createApiServices, type ServicesConfig } from '../../src/server';

/**
 * Contexts for calling routers directly (createCaller) in tests: real database, real keyring,
 * a caller built from a real user row. HTTP-level behaviour (cookies, API-key headers, Origin)
 * is tested separately through the server.
 */
export function testConfig(overrides: Partial<ServicesConfig> = {}): ServicesConfig {
  return {
    nodeEnv: 'test',
    appUrl: 'http://localhost:3000',
    authSecret: 'test-auth-secret-that-is-long-enough-0123456789',
    encryption: { keys: `test:${generateKey()}` },
    trustedOrigins: [],
    instanceTemplate: { projectId: 'tpl-project', serviceId: null },
    ...overrides,
  };
}

export function testServices(db: Db): ApiServices {
  return createApiServices(testConfig(), db, pino({ level: 'silent' }));
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
