import {
  AuthenticationError,
  ConfigurationError,
  NetworkError,
  RateLimitError,
  ResourceError,
} from '@roundhouse/core';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { toTRPCError } from '../src/errors';

describe('toTRPCError', () => {
  it.each([
    [new ResourceError('Instance not found', { reason: 'NOT_FOUND' }), 'NOT_FOUND'],
    [new ResourceError('Bad channel', { reason: 'INVALID' }), 'BAD_REQUEST'],
    [new ResourceError('Instance is DELETING', { reason: 'ILLEGAL_TRANSITION' }), 'BAD_REQUEST'],
    [new ResourceError('Too many channels', { reason: 'QUOTA' }), 'BAD_REQUEST'],
    [new ResourceError('A redeploy is running', { reason: 'CONFLICT' }), 'CONFLICT'],
    [new AuthenticationError('Token refused'), 'UNAUTHORIZED'],
    [new RateLimitError('Slow down', { retryAfterMs: 1000 }), 'TOO_MANY_REQUESTS'],
  ] as const)('keeps the message of %s as %s', (error, code) => {
    const mapped = toTRPCError(error);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toBe(error.message);
    expect(mapped.cause).toBe(error);
  });

  it.each([
    new ResourceError('upstream said 500: select * from x', { reason: 'SERVER' }),
    new NetworkError('connect ECONNREFUSED 10.0.0.5:5432'),
    new ConfigurationError('RAILWAY_API_TOKEN is invalid'),
    new Error('duplicate key value violates unique constraint "users_pkey"'),
  ])('turns %s into an INTERNAL_SERVER_ERROR without its message', (error) => {
    const mapped = toTRPCError(error);
    expect(mapped.code).toBe('INTERNAL_SERVER_ERROR');
    expect(mapped.message).not.toContain(error.message);
    expect(mapped.cause).toBe(error);
  });

  it('passes TRPCErrors through', () => {
    const error = new TRPCError({ code: 'FORBIDDEN', message: 'no' });
    expect(toTRPCError(error)).toBe(error);
  });
});
