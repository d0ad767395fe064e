import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { createQueryClient, shouldRetry } from '../src/lib/query-client';

function trpcError(code: string) {
  return new TRPCClientError(code, {
    result: { error: { code: -32600, message: code, data: { code, httpStatus: 400 } } },
  } as never);
}

describe('createQueryClient', () => {
  it('reports a lost session from a query or a mutation, and nothing else', async () => {
    let calls = 0;
    const client = createQueryClient(() => (calls += 1));
    const fail = (error: unknown) => () => Promise.reject(error);
    await expect(
      client.fetchQuery({ queryKey: ['a'], queryFn: fail(trpcError('UNAUTHORIZED')) }),
    ).rejects.toThrow();
    expect(calls).toBe(1);
    await expect(
      client.fetchQuery({ queryKey: ['b'], queryFn: fail(trpcError('FORBIDDEN')) }),
    ).rejects.toThrow();
    expect(calls).toBe(1);
    const mutation = client
      .getMutationCache()
      .build(client, { mutationFn: fail(trpcError('UNAUTHORIZED')) });
    await expect(mutation.execute(undefined)).rejects.toThrow();
    expect(calls).toBe(2);
  });
});

describe('shouldRetry', () => {
  it('does not retry what retrying cannot fix, retries transient failures twice', () => {
    for (const code of ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST', 'CONFLICT']) {
      expect(shouldRetry(0, trpcError(code))).toBe(false);
    }
    expect(shouldRetry(0, trpcError('INTERNAL_SERVER_ERROR'))).toBe(true);
    expect(shouldRetry(1, new TypeError('Failed to fetch'))).toBe(true);
    expect(shouldRetry(2, new TypeError('Failed to fetch'))).toBe(false);
  });
});
