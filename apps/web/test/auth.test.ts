import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { createT } from '../src/i18n/translate';
import { errorMessage } from '../src/lib/errors';
import { safeNext } from '../src/lib/safe-next';
import { authErrorMessage } from '../src/pages/auth/auth-errors';
import { validateSignIn, validateSignUp } from '../src/pages/auth/validation';

const en = createT('en');
const zh = createT('zh');

describe('safeNext', () => {
  it('keeps same-origin paths with their query and hash', () => {
    expect(safeNext('/instances/abc?tab=logs#x')).toBe('/instances/abc?tab=logs#x');
    expect(safeNext('/admin')).toBe('/admin');
  });

  it('falls back for anything that could leave the site or loop', () => {
    for (const bad of [
      undefined,
      '',
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      'instances',
      '/sign-in?next=/x',
      '/sign-out',
    ]) {
      expect(safeNext(bad)).toBe('/instances');
    }
  });
});

describe('authErrorMessage', () => {
  it('names the known better-auth failures in the user language', () => {
    expect(authErrorMessage({ status: 401, code: 'INVALID_EMAIL_OR_PASSWORD' }, en)).toBe(
      'Wrong email or password.',
    );
    expect(authErrorMessage({ status: 401, code: 'INVALID_EMAIL_OR_PASSWORD' }, zh)).toBe(
      '邮箱或密码错误。',
    );
    expect(
      authErrorMessage({ status: 422, code: 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL' }, en),
    ).toMatch(/already exists/);
  });

  it('tells a rate-limited user how long to wait', () => {
    expect(authErrorMessage({ status: 429, retryAfterSeconds: 42 }, en)).toBe(
      'Too many attempts. Try again in 42 s.',
    );
    expect(authErrorMessage({ status: 429, retryAfterSeconds: 42 }, zh)).toContain('42 秒');
    expect(authErrorMessage({ status: 429 }, en)).toMatch(/Too many requests/);
  });

  it('passes other readable 4xx messages through and hides 5xx details', () => {
    expect(authErrorMessage({ status: 400, message: 'Password too long' }, en)).toBe(
      'Password too long',
    );
    expect(authErrorMessage({ status: 500, message: 'relation "user" does not exist' }, en)).toBe(
      'Something went wrong. Please try again.',
    );
  });
});

describe('auth form validation', () => {
  it('requires a name, a valid email and a password of at least 8 characters to sign up', () => {
    expect(validateSignUp({ name: ' ', email: 'nope', password: 'short' })).toEqual({
      name: { key: 'auth.invalid.required' },
      email: { key: 'auth.invalid.email' },
      password: { key: 'auth.invalid.passwordShort', params: { min: 8 } },
    });
    expect(validateSignUp({ name: 'Li', email: 'li@example.com', password: '12345678' })).toEqual(
      {},
    );
  });

  it('only requires a password (any length) to sign in', () => {
    expect(validateSignIn({ email: 'a@b.co', password: 'x' })).toEqual({});
    expect(validateSignIn({ email: '', password: '' })).toEqual({
      email: { key: 'auth.invalid.required' },
      password: { key: 'auth.invalid.required' },
    });
  });
});

function trpcError(code: string, message: string, extra: object = {}) {
  return new TRPCClientError(message, {
    result: { error: { code: -32600, message, data: { code, httpStatus: 400, ...extra } } },
  } as never);
}

describe('errorMessage', () => {
  it('localizes well-known codes', () => {
    expect(errorMessage(trpcError('FORBIDDEN', 'nope'), en)).toBe(
      'You do not have permission to do this.',
    );
    expect(errorMessage(trpcError('NOT_FOUND', 'Instance x not found'), zh)).toBe(
      '未找到，可能已被删除。',
    );
  });

  it('keeps the readable server message for validation and conflicts', () => {
    expect(errorMessage(trpcError('CONFLICT', 'A deployment is already running'), en)).toBe(
      'A deployment is already running',
    );
    expect(
      errorMessage(
        trpcError('BAD_REQUEST', '[{"raw":"json"}]', {
          zodIssues: [{ path: ['name'], message: 'Too short' }],
        }),
        en,
      ),
    ).toBe('name: Too short');
  });

  it('keeps the wait in a rate-limit message from the server', () => {
    expect(
      errorMessage(trpcError('TOO_MANY_REQUESTS', 'Too many requests; try again in 30 s'), en),
    ).toBe('Too many requests; try again in 30 s');
  });

  it('reports an unreachable server and never shows internals', () => {
    expect(errorMessage(new TypeError('Failed to fetch'), en)).toMatch(/Cannot reach the server/);
    expect(errorMessage(new Error('at Object.<anonymous> (file.ts:1:1)'), en)).toBe(
      'Something went wrong. Please try again.',
    );
  });
});
