import type { Db, User } from '@roundhouse/db';
import { insertUser } from '@roundhouse/db/testing';
import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { beforeAll, expect } from 'vitest';
import type { ApiServices, Caller } from '../src/context';
import { adminRouter } from '../src/routers/admin.router';
import { createCallerFactory, createTRPCRouter } from '../src/trpc';
import { contextFor, sessionCaller, testServices } from './support/context';
import { ready, useTestServices } from './support/use-test-db';

/** What the admin tests share: callers for the admin router, and ways to see what changed. */

export const TEMPLATE = { projectId: 'tpl-project', serviceId: 'tpl-service' } as const;

const createCaller = createCallerFactory(createTRPCRouter({ admin: adminRouter }));

export function adminServices(db: Db): ApiServices {
  return { ...testServices(db), instanceTemplate: TEMPLATE };
}

export function adminApi(services: ApiServices, caller: Caller) {
  return createCaller(contextFor(services, caller)).admin;
}

export async function insertAdmin(db: Db): Promise<User> {
  const user = await insertUser(db);
  return db
    .updateTable('user')
    .set({ role: 'admin' })
    .where('id', '=', user.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A signed-in admin's API for these services. */
export async function signedInAdmin(services: ApiServices) {
  const admin = await insertAdmin(services.db);
  return { admin, api: adminApi(services, sessionCaller(admin)) };
}

/** The admin tests' set-up: a test database, admin services and a signed-in admin, as getters. */
export function useSignedInAdmin() {
  const { db, services } = useTestServices(adminServices);
  let signedIn: Awaited<ReturnType<typeof signedInAdmin>> | undefined;
  beforeAll(async () => {
    signedIn = await signedInAdmin(services());
  });
  const current = () => ready(signedIn, 'useSignedInAdmin');
  return { db, services, admin: () => current().admin, api: () => current().api };
}

export interface Job {
  task: string;
  payload: unknown;
  key: string | null;
}

export async function jobs(db: Db): Promise<Job[]> {
  const { rows } = await sql<Job>`
    select j.task_identifier as task, p.payload, j.key
    from graphile_worker.jobs j join graphile_worker._private_jobs p using (id)
    order by j.id
  `.execute(db);
  return rows;
}

/** Everything an admin mutation could touch, to assert that a refused one changed nothing. */
export async function snapshot(db: Db) {
  const [users, sessions, subscriptions, instances, deployments, audit, queued] = await Promise.all(
    [
      db.selectFrom('user').selectAll().orderBy('id').execute(),
      db.selectFrom('session').select('id').orderBy('id').execute(),
      db.selectFrom('subscriptions').selectAll().orderBy('id').execute(),
      db.selectFrom('instances').selectAll().orderBy('id').execute(),
      db.selectFrom('deployments').selectAll().orderBy('id').execute(),
      db.selectFrom('audit_log').select('id').orderBy('id').execute(),
      jobs(db),
    ],
  );
  return { users, sessions, subscriptions, instances, deployments, audit, queued };
}

/** Runs a call that must fail with `code` and leave the database exactly as it was. */
export async function expectRefusedUnchanged(
  db: Db,
  call: () => Promise<unknown>,
  code: TRPCError['code'],
  message?: RegExp,
): Promise<TRPCError> {
  const before = await snapshot(db);
  const error = await call().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, 'expected the call to be refused').toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  expect({ code: trpcError.code, message: trpcError.message }).toMatchObject({
    code,
    ...(message ? { message: expect.stringMatching(message) } : {}),
  });
  expect(await snapshot(db)).toEqual(before);
  return trpcError;
}

/** Follows `nextCursor` to the end, returning every page's items in order. */
export async function allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    pages += 1;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && pages < 1_000);
  return { items, pages };
}
