import {
  AuthenticationError,
  ConfigurationError,
  NetworkError,
  RateLimitError,
  ResourceError,
  RoundhouseError,
  TimeoutError,
  UnknownError,
} from '@roundhouse/core';
import { describe, expect, it } from 'vitest';
import { classifyResult, type OperationKind } from '../../src/client/classify';
import type { TransportResult } from '../../src/client/transport';

const NOW = Date.UTC(2025, 0, 1);

function response(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): TransportResult {
  return { kind: 'response', status, headers: new Headers(headers), body };
}

function classify(result: TransportResult, kind: OperationKind = 'read'): RoundhouseError {
  const classified = classifyResult(result, { operation: 'Op', kind, now: NOW });
  if (!(classified instanceof RoundhouseError)) {
    throw new Error(`expected an error, got ${JSON.stringify(classified)}`);
  }
  return classified;
}

const graphQLError = (message: string, extra: object = {}) =>
  response(200, { data: null, errors: [{ message, ...extra }] });

describe('classifying Railway answers', () => {
  it.each([
    ['Not Authorized', AuthenticationError, undefined],
    ['Project not found', ResourceError, 'NOT_FOUND'],
    ['Deployment not found', ResourceError, 'NOT_FOUND'],
    ['Rate limit exceeded', RateLimitError, undefined],
    ['A project with this name already exists', ResourceError, 'CONFLICT'],
    ['Deployment cannot be rolled back', ResourceError, 'ILLEGAL_TRANSITION'],
    ['Invalid service name', ResourceError, 'INVALID'],
    ['Free plan resource limit reached', ResourceError, 'QUOTA'],
    ['Internal server error', NetworkError, 'SERVER'],
    ['Something odd happened', UnknownError, undefined],
  ])('HTTP 200 with errors[] "%s" → %s %s', (message, type, reason) => {
    const error = classify(graphQLError(message));
    expect(error).toBeInstanceOf(type);
    expect(error.reason).toBe(reason);
    expect(error.message).toContain(message);
    expect(error.details).toMatchObject({ operation: 'Op', messages: [message] });
  });

  it('uses extension codes when the message says nothing', () => {
    const error = classify(graphQLError('nope', { extensions: { code: 'UNAUTHENTICATED' } }));
    expect(error).toBeInstanceOf(AuthenticationError);
    const invalid = classify(
      graphQLError('nope', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    );
    expect(invalid).toMatchObject({ errorClass: 'RESOURCE', reason: 'INVALID' });
  });

  it.each([
    [401, AuthenticationError],
    [403, AuthenticationError],
    [400, ResourceError],
    [404, ConfigurationError],
    [408, TimeoutError],
    [500, NetworkError],
    [502, NetworkError],
    [503, NetworkError],
  ])('HTTP %i → %s', (status, type) => {
    expect(classify(response(status, { errors: [{ message: 'x' }] }))).toBeInstanceOf(type);
  });

  it('a 400 (document failed validation) is INVALID and known not applied, even for a write', () => {
    const error = classify(
      response(400, { errors: [{ message: 'Cannot query field "x"' }] }),
      'write',
    );
    expect(error).toMatchObject({ errorClass: 'RESOURCE', reason: 'INVALID', retryable: false });
    expect(error.mayHaveBeenApplied).toBe(false);
  });

  it('a 429 carries Retry-After in ms (seconds or HTTP date) and is known not applied', () => {
    const seconds = classify(response(429, '', { 'retry-after': '7' }), 'write');
    expect(seconds).toBeInstanceOf(RateLimitError);
    expect((seconds as RateLimitError).retryAfterMs).toBe(7000);
    expect(seconds.mayHaveBeenApplied).toBe(false);
    const date = new Date(NOW + 3000).toUTCString();
    const dated = classify(response(429, '', { 'retry-after': date }));
    expect((dated as RateLimitError).retryAfterMs).toBe(3000);
    const bare = classify(response(429, undefined));
    expect((bare as RateLimitError).retryAfterMs).toBeUndefined();
  });

  it('unknown outcomes of writes are flagged mayHaveBeenApplied; of reads they are not', () => {
    const cases: TransportResult[] = [
      response(502, 'Bad Gateway'),
      { kind: 'timeout', cause: new Error('aborted') },
      { kind: 'network', cause: new Error('socket hang up'), connectFailed: false },
      response(200, '<html>proxy</html>'),
      graphQLError('Internal server error'),
      graphQLError('Something odd happened'),
    ];
    for (const result of cases) {
      const write = classify(result, 'write');
      expect(write.retryable, write.message).toBe(true);
      expect(write.mayHaveBeenApplied, write.message).toBe(true);
      expect(classify(result, 'read').mayHaveBeenApplied, write.message).toBe(false);
    }
  });

  it('a refused connection never reached Railway, so even a write was not applied', () => {
    const error = classify(
      { kind: 'network', cause: new Error('ECONNREFUSED'), connectFailed: true },
      'write',
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.mayHaveBeenApplied).toBe(false);
  });

  it('a timeout is a TimeoutError', () => {
    expect(classify({ kind: 'timeout', cause: new Error() })).toBeInstanceOf(TimeoutError);
  });

  describe('partial results of batches (tolerateNotFound)', () => {
    const context = { operation: 'Op', kind: 'read' as const, now: NOW };
    const notFound = { message: 'Deployment not found', path: ['b1'] };

    it('returns data with the aliases Railway did not find', () => {
      const body = { data: { b0: { id: 'a' }, b1: null }, errors: [notFound] };
      const result = classifyResult(response(200, body), context, { tolerateNotFound: true });
      expect(result).toEqual({ data: { b0: { id: 'a' }, b1: null }, errors: [notFound] });
    });

    it('returns null data when a missing object nulled the whole response', () => {
      const body = { data: null, errors: [notFound] };
      const result = classifyResult(response(200, body), context, { tolerateNotFound: true });
      expect(result).toEqual({ data: null, errors: [notFound] });
    });

    it('fails on any other error, and on "not found" when not tolerated', () => {
      const denied = {
        data: { b0: null },
        errors: [notFound, { message: 'Not Authorized', path: ['b0'] }],
      };
      expect(
        classifyResult(response(200, denied), context, { tolerateNotFound: true }),
      ).toBeInstanceOf(ResourceError);
      const noPath = { data: null, errors: [{ message: 'Deployment not found' }] };
      expect(
        classifyResult(response(200, noPath), context, { tolerateNotFound: true }),
      ).toBeInstanceOf(ResourceError);
      const plain = { data: { b0: { id: 'a' }, b1: null }, errors: [notFound] };
      expect(classifyResult(response(200, plain), context)).toMatchObject({ reason: 'NOT_FOUND' });
    });
  });
});
