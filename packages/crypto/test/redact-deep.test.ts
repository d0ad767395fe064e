import { RateLimitError } from '@roundhouse/core';
import { describe, expect, it } from 'vitest';
import { createRedactor, isSecretKey, redactDeep, REDACTED } from '../src';

const R = REDACTED;
const secret = 'customer-bot-token-123';
const redactor = createRedactor([secret]);

describe('redactDeep', () => {
  it('redacts strings at any depth and replaces values under secret keys wholesale', () => {
    const record = {
      msg: `calling Railway with ${secret}`,
      level: 30,
      instance: { id: 'i_1', env: [{ name: 'TELEGRAM_BOT_TOKEN', value: secret }] },
      headers: { authorization: 'Bearer whatever', 'x-api-key': 'k-1', accept: 'json' },
      credentials: { username: 'bob', password: 'pw' },
      clientSecret: 12345,
      maxTokens: 4096,
    };
    expect(redactDeep(record, redactor)).toEqual({
      msg: `calling Railway with ${R}`,
      level: 30,
      instance: { id: 'i_1', env: [{ name: 'TELEGRAM_BOT_TOKEN', value: R }] },
      headers: { authorization: R, 'x-api-key': R, accept: 'json' },
      credentials: R,
      clientSecret: R,
      maxTokens: 4096,
    });
  });

  it('keeps null, undefined and booleans under secret keys: they reveal nothing', () => {
    expect(redactDeep({ token: null, password: undefined, hasSecret: true }, redactor)).toEqual({
      token: null,
      password: undefined,
      hasSecret: true,
    });
  });

  it('never modifies its input', () => {
    const input = { password: 'pw', list: [secret], nested: { msg: secret } };
    const before = structuredClone(input);
    redactDeep(input, redactor);
    expect(input).toEqual(before);
  });

  it('turns Errors into plain objects with message, stack, properties and cause redacted', () => {
    const cause = new Error(`socket closed for ${secret}`);
    const error = new RateLimitError(`429 for ${secret}`, {
      retryAfterMs: 1000,
      cause,
      details: { apiKey: secret, attempt: 2 },
    });
    const copy = redactDeep({ err: error }, redactor) as { err: Record<string, unknown> };
    expect(copy.err).toMatchObject({
      name: 'RateLimitError',
      message: `429 for ${R}`,
      errorClass: 'RATE_LIMIT',
      retryAfterMs: 1000,
      details: { apiKey: R, attempt: 2 },
      cause: { name: 'Error', message: `socket closed for ${R}` },
    });
    expect(copy.err.stack).toContain(`429 for ${R}`);
    expect(JSON.stringify(copy)).not.toContain(secret);
  });

  it('serializes values with toJSON the way JSON.stringify would, then redacts them', () => {
    const url = new URL(`https://example.com/cb?token=${secret}&page=2`);
    expect(redactDeep({ at: new Date(0), url }, redactor)).toEqual({
      at: '1970-01-01T00:00:00.000Z',
      url: `https://example.com/cb?token=${R}&page=2`,
    });
  });

  it('replaces cycles but copies shared references', () => {
    const shared = { msg: secret };
    const record: Record<string, unknown> = { a: shared, b: shared };
    record.self = record;
    expect(redactDeep(record, redactor)).toEqual({
      a: { msg: R },
      b: { msg: R },
      self: '[Circular]',
    });
  });

  it('redacts secrets used as keys and keeps "__proto__" keys as plain data', () => {
    const record = JSON.parse(`{"${secret}": 1, "__proto__": {"polluted": true}}`) as object;
    const copy = redactDeep(record, redactor) as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual([R, '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });

  it('passes primitives through and redacts a bare string', () => {
    expect(redactDeep(42, redactor)).toBe(42);
    expect(redactDeep(null, redactor)).toBeNull();
    expect(redactDeep(secret, redactor)).toBe(R);
  });
});

describe('isSecretKey', () => {
  it.each([
    'password',
    'PASSWORD',
    'db_password',
    'clientSecret',
    'access_token',
    'refreshToken',
    'apiKey',
    'x-api-key',
    'Authorization',
    'set-cookie',
    'privateKey',
    'ENCRYPTION_KEYS',
    'auth',
    'credentials',
  ])('treats %s as secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each(['maxTokens', 'tokenCount', 'author', 'keyId', 'secretName', 'passwordResetAt', 'id'])(
    'treats %s as ordinary',
    (key) => {
      expect(isSecretKey(key)).toBe(false);
    },
  );
});
