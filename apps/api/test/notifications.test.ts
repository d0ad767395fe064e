import type { Notification, User } from '@roundhouse/db';
import { wantsEmail } from '@roundhouse/db/repositories/notifications';
import { insertUser } from '@roundhouse/db/testing';
import { describe, expect, it } from 'vitest';
import { useTestServices } from './support/use-test-db';
import { notificationsRouter } from '../src/routers/notifications.router';
import { createCallerFactory, createTRPCRouter } from '../src/trpc';
import { contextFor, sessionCaller } from './support/context';

const createCaller = createCallerFactory(createTRPCRouter({ notifications: notificationsRouter }));

const { db, services } = useTestServices();

const callerFor = (user: User) => createCaller(contextFor(services(), sessionCaller(user)));

/** `count` notifications one per second apart (oldest first); some share a timestamp. */
async function notify(user: User, count: number, type = 'deployment.succeeded') {
  const base = Date.parse('2026-01-01T00:00:00Z');
  return db()
    .insertInto('notifications')
    .values(
      Array.from({ length: count }, (_, i) => ({
        user_id: user.id,
        type,
        title: `Note ${i}`,
        body: 'body',
        // pairs share a timestamp: the keyset must still page through them exactly once
        created_at: new Date(base + Math.floor(i / 2) * 1000),
      })),
    )
    .returningAll()
    .execute();
}

async function readAtOf(rows: Notification[]) {
  const current = await db()
    .selectFrom('notifications')
    .select(['id', 'read_at'])
    .where(
      'id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  return new Map(current.map((row) => [row.id, row.read_at]));
}

describe('notifications.list', () => {
  it('pages newest first through every notification exactly once', async () => {
    const user = await insertUser(db());
    const rows = await notify(user, 7);
    await notify(await insertUser(db()), 3); // someone else's
    const api = callerFor(user);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.notifications.list({ limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const newestFirst = [...rows].sort(
      (a, b) => b.created_at.getTime() - a.created_at.getTime() || (a.id < b.id ? 1 : -1),
    );
    expect(seen).toEqual(newestFirst.map((row) => row.id));
  });

  it('filters unread, counts unread, and maps fields', async () => {
    const user = await insertUser(db());
    const rows = await notify(user, 4, 'billing.renewed');
    await db()
      .updateTable('notifications')
      .set({ read_at: new Date() })
      .where('id', '=', rows[0]!.id)
      .execute();
    const api = callerFor(user);
    const unread = await api.notifications.list({ unreadOnly: true });
    expect(unread.items).toHaveLength(3);
    expect(unread.items[0]).toMatchObject({
      type: 'billing.renewed',
      category: 'billing',
      readAt: null,
      createdAt: expect.any(Date),
    });
    expect(await api.notifications.unreadCount()).toEqual({ count: 3 });
    expect((await api.notifications.list()).items).toHaveLength(4);
  });

  it('refuses a bad limit or a cursor that is not one of yours', async () => {
    const user = await insertUser(db());
    const [foreign] = await notify(await insertUser(db()), 1);
    const api = callerFor(user);
    await expect(api.notifications.list({ limit: 0 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(api.notifications.list({ cursor: foreign!.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Unknown pagination cursor',
    });
  });
});

describe('notifications.markRead', () => {
  it('marks given ids, or all, and reports how many were unread', async () => {
    const user = await insertUser(db());
    const rows = await notify(user, 4);
    const api = callerFor(user);
    expect(await api.notifications.markRead({ ids: [rows[0]!.id, rows[1]!.id] })).toEqual({
      marked: 2,
    });
    expect(await api.notifications.markRead({ ids: [rows[0]!.id] })).toEqual({ marked: 0 });
    expect(await api.notifications.unreadCount()).toEqual({ count: 2 });
    expect(await api.notifications.markRead({ all: true })).toEqual({ marked: 2 });
    expect(await api.notifications.unreadCount()).toEqual({ count: 0 });
  });

  it("is all or nothing: someone else's id is NOT_FOUND and marks nothing", async () => {
    const user = await insertUser(db());
    const mine = await notify(user, 2);
    const theirs = await notify(await insertUser(db()), 1);
    const api = callerFor(user);
    const before = await readAtOf([...mine, ...theirs]);
    await expect(
      api.notifications.markRead({ ids: [mine[0]!.id, theirs[0]!.id] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await readAtOf([...mine, ...theirs])).toEqual(before);
  });

  it('rejects malformed input with a readable message, changing nothing', async () => {
    const user = await insertUser(db());
    const rows = await notify(user, 1);
    const api = callerFor(user);
    const bad = [
      {},
      { ids: [] },
      { ids: ['x'] },
      { ids: [rows[0]!.id], all: true },
      { all: false },
    ];
    for (const input of bad) {
      // @ts-expect-error deliberately malformed
      await expect(api.notifications.markRead(input)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    }
    await expect(api.notifications.markRead({} as never)).rejects.toMatchObject({
      message: expect.stringContaining('Pass either ids or all: true'),
    });
    expect(await api.notifications.unreadCount()).toEqual({ count: 1 });
  });
});

describe('email preferences', () => {
  it('are on by default, change per category, and decide what the mailer sends', async () => {
    const user = await insertUser(db());
    const api = callerFor(user);
    const allOn = { deployment: true, instance: true, billing: true, security: true };
    expect(await api.notifications.emailPreferences()).toEqual({ email: allOn });

    const changed = await api.notifications.setEmailPreferences({
      email: { billing: false, deployment: false },
    });
    expect(changed).toEqual({ email: { ...allOn, billing: false, deployment: false } });
    await api.notifications.setEmailPreferences({ email: { deployment: true } });
    expect(await api.notifications.emailPreferences()).toEqual({
      email: { ...allOn, billing: false },
    });
    // other users keep their defaults
    expect(await callerFor(await insertUser(db())).notifications.emailPreferences()).toEqual({
      email: allOn,
    });

    expect(await wantsEmail(db(), user.id, 'subscription.renewed')).toBe(false);
    expect(await wantsEmail(db(), user.id, 'deployment.failed')).toBe(true);
    expect(await wantsEmail(db(), user.id, 'something.new')).toBe(true);
  });

  it('rejects unknown categories, non-booleans and empty changes', async () => {
    const user = await insertUser(db());
    const api = callerFor(user);
    const bad = [{ email: {} }, { email: { marketing: false } }, { email: { billing: 'no' } }];
    for (const input of bad) {
      // @ts-expect-error deliberately malformed
      await expect(api.notifications.setEmailPreferences(input)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    }
    const rows = await db()
      .selectFrom('notification_preferences')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    expect(rows).toEqual([]);
  });
});
