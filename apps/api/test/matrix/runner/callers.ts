import type { Caller } from '../../../src/context';
import { authUser } from '../../support/context';
import { ALL_PERMISSIONS } from '../fixtures';
import type { MatrixEntry, MatrixWorld } from '../types';

export const CALLER_NAMES = [
  'anonymous',
  'customerA',
  'customerB',
  'admin',
  'apiKeyWith',
  'apiKeyWithout',
  'customerKeyAllPermissions',
] as const;
export type CallerName = (typeof CALLER_NAMES)[number];

/** What a caller must see: success (any non-authorization outcome) or a specific refusal. */
export type Expectation = 'allowed' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';

/**
 * Who gets what, per access level. API keys act for customer A, except on admin procedures where
 * they are the admin's; "with" holds exactly the entry's permission, "without" every other one.
 * Admin procedures also get customer A's all-permission key (the admin permission is only
 * honoured for admins); other levels skip that caller (undefined).
 */
export function expectationFor(entry: MatrixEntry, caller: CallerName): Expectation | undefined {
  const foreign = entry.ownedBy === 'A' ? 'NOT_FOUND' : 'allowed';
  switch (entry.access) {
    case 'public':
      return caller === 'customerKeyAllPermissions' ? undefined : 'allowed';
    case 'user':
      return {
        anonymous: 'UNAUTHORIZED',
        customerA: 'allowed',
        customerB: foreign,
        admin: foreign,
        apiKeyWith: 'allowed',
        apiKeyWithout: 'FORBIDDEN',
        customerKeyAllPermissions: undefined,
      }[caller] as Expectation | undefined;
    case 'session':
      return {
        anonymous: 'UNAUTHORIZED',
        customerA: 'allowed',
        customerB: foreign,
        admin: foreign,
        apiKeyWith: 'FORBIDDEN',
        apiKeyWithout: 'FORBIDDEN',
        customerKeyAllPermissions: undefined,
      }[caller] as Expectation | undefined;
    case 'admin':
      return {
        anonymous: 'UNAUTHORIZED',
        customerA: 'FORBIDDEN',
        customerB: 'FORBIDDEN',
        admin: 'allowed',
        apiKeyWith: 'allowed',
        apiKeyWithout: 'FORBIDDEN',
        customerKeyAllPermissions: 'FORBIDDEN',
      }[caller] as Expectation;
  }
}

export function callerFor(entry: MatrixEntry, name: CallerName, fx: MatrixWorld): Caller {
  const keyOwner = entry.access === 'admin' ? fx.admin : fx.a;
  const apiKey = (permissions: Record<string, string[]>, owner = keyOwner): Caller => ({
    kind: 'apiKey',
    user: authUser(owner.user),
    apiKeyId: owner.apiKey.id,
    permissions,
  });
  switch (name) {
    case 'anonymous':
      return { kind: 'anonymous' };
    case 'customerA':
      return session(fx.a);
    case 'customerB':
      return session(fx.b);
    case 'admin':
      return session(fx.admin);
    case 'apiKeyWith':
      return apiKey(entry.permission ? only(entry.permission) : ALL_PERMISSIONS);
    case 'apiKeyWithout':
      return apiKey(entry.permission ? allBut(entry.permission) : {});
    case 'customerKeyAllPermissions':
      return apiKey(ALL_PERMISSIONS, fx.a);
  }
}

function session(owner: MatrixWorld['admin'] | MatrixWorld['a']): Caller {
  return { kind: 'session', user: authUser(owner.user), sessionId: `matrix-${owner.user.id}` };
}

function only([resource, action]: readonly [string, string]): Record<string, string[]> {
  return { [resource]: [action] };
}

function allBut([resource, action]: readonly [string, string]): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(ALL_PERMISSIONS).map(([r, actions]) => [
      r,
      r === resource ? actions.filter((a) => a !== action) : actions,
    ]),
  );
}
