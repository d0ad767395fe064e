import { insertInstance, insertSubscription, insertUser } from '@roundhouse/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminRouter } from '../src/routers/admin.router';
import { createTRPCRouter } from '../src/trpc';
import { expectRefusedUnchanged, useSignedInAdmin } from './admin-fixtures';

/**
 * Every admin mutation, found at run time (a new one is covered without editing this file),
 * refuses malformed input with BAD_REQUEST and a message naming the problem, and changes
 * nothing: no rows, no audit entry, no job.
 */
const mutations = Object.entries(
  createTRPCRouter({ admin: adminRouter })._def.procedures as unknown as Record<
    string,
    { _def: { type: string } }
  >,
)
  .filter(([, procedure]) => procedure._def.type === 'mutation')
  .map(([path]) => path);

let call: (path: string, input: unknown) => Promise<unknown>;
let realIds: { userId: string; instanceId: string };
const { db, api } = useSignedInAdmin();
beforeAll(async () => {
  call = (path, input) => {
    const procedure = path
      .split('.')
      .slice(1)
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api());
    return (procedure as (input: unknown) => Promise<unknown>)(input);
  };
  const user = await insertUser(db());
  const instance = await insertInstance(db(), await insertSubscription(db(), user.id), {
    status: 'RUNNING',
  });
  realIds = { userId: user.id, instanceId: instance.id };
});

describe('admin mutations refuse bad input', () => {
  it('covers every mutation', () => {
    expect(mutations).toEqual(
      expect.arrayContaining([
        'admin.grantSubscription',
        'admin.users.ban',
        'admin.instances.suspend',
      ]),
    );
  });

  const badInputs: [string, (ids: typeof realIds) => unknown][] = [
    ['no input', () => undefined],
    ['an empty object', () => ({})],
    ['a string', () => 'drop table instances'],
    ['ids of the wrong shape', () => ({ instanceId: 'not-a-uuid', userId: '' })],
    [
      'real ids plus an unknown field',
      (ids) => ({ ...ids, reason: 'x', role: 'user', plan: 'BASIC', unexpected: true }),
    ],
  ];

  it.each(mutations)('%s', async (path) => {
    for (const [label, input] of badInputs) {
      const error = await expectRefusedUnchanged(
        db(),
        () => call(path, input(realIds)),
        'BAD_REQUEST',
      );
      expect(error.message, `${path} with ${label}`).not.toBe('');
      expect(error.message, `${path} with ${label}`).not.toMatch(/internal/i);
    }
  });
});
