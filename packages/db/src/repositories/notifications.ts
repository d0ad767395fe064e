import { jobKeys, ResourceError } from '@roundhouse/core';
import { sql, type Transaction } from 'kysely';
import type { DbOrTrx } from '../client';
import { enqueue } from '../enqueue';
import type { Database } from '../schema/database';
import type { Notification } from '../schema/messaging';

/**
 * A user's notifications (written by the worker) and their email preferences. Ownership is part
 * of every query (`user_id`).
 */

/**
 * What a user can switch email off for. A notification's category is the first segment of its
 * type (`deployment.failed` → deployment); billing and security group several prefixes.
 */
export const NOTIFICATION_CATEGORIES = ['deployment', 'instance', 'billing', 'security'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

const CATEGORY_OF_PREFIX: Readonly<Record<string, NotificationCategory>> = {
  deployment: 'deployment',
  instance: 'instance',
  billing: 'billing',
  subscription: 'billing',
  order: 'billing',
  payment: 'billing',
  refund: 'billing',
  invoice: 'billing',
  security: 'security',
  credentials: 'security',
  apikey: 'security',
  account: 'security',
};

/** The category of a notification type, or undefined for types no preference covers. */
export function notificationCategory(type: string): NotificationCategory | undefined {
  const prefix = type.split('.', 1)[0] ?? '';
  return Object.hasOwn(CATEGORY_OF_PREFIX, prefix) ? CATEGORY_OF_PREFIX[prefix] : undefined;
}

export type EmailPreferences = Record<NotificationCategory, boolean>;

export interface NotificationPage {
  items: Notification[];
  /** Pass as `after` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Newest first, keyset-paginated: `after` is the id of the last notification of the previous
 * page (exact even for rows created in the same microsecond, unlike a timestamp cursor).
 */
export async function listNotifications(
  db: DbOrTrx,
  input: { userId: string; limit: number; unreadOnly?: boolean; after?: string },
): Promise<NotificationPage> {
  let query = db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', input.userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1);
  if (input.unreadOnly) query = query.where('read_at', 'is', null);
  if (input.after !== undefined) {
    const cursor = db
      .selectFrom('notifications')
      .where('id', '=', input.after)
      .where('user_id', '=', input.userId);
    if (!(await cursor.select('id').executeTakeFirst())) {
      throw new ResourceError('Unknown pagination cursor', { reason: 'INVALID' });
    }
    // Compared in SQL: a JS Date would drop created_at's microseconds and skip or repeat rows.
    query = query.where(sql<boolean>`(created_at, id) < (${cursor.select(['created_at', 'id'])})`);
  }
  const rows = await query.execute();
  const items = rows.slice(0, input.limit);
  return {
    items,
    nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null,
  };
}

export async function countUnread(db: DbOrTrx, userId: string): Promise<number> {
  const { count } = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/**
 * Marks the given notifications (or all of the user's) read; returns how many were unread.
 * All or nothing: an id that is not the user's is NOT_FOUND and nothing is marked.
 */
export async function markNotificationsRead(
  trx: Transaction<Database>,
  input: { userId: string; ids: readonly string[] } | { userId: string; all: true },
): Promise<number> {
  let update = trx
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where('user_id', '=', input.userId)
    .where('read_at', 'is', null);
  if ('ids' in input) {
    const ids = [...new Set(input.ids)];
    const owned = await trx
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', input.userId)
      .where('id', 'in', ids)
      .forUpdate()
      .execute();
    if (owned.length !== ids.length) {
      const found = new Set(owned.map((row) => row.id));
      const missing = ids.filter((id) => !found.has(id));
      throw new ResourceError(`Notification ${missing.join(', ')} not found`, {
        reason: 'NOT_FOUND',
      });
    }
    update = update.where('id', 'in', ids);
  }
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Every category, on unless the user switched it off. */
export async function getEmailPreferences(db: DbOrTrx, userId: string): Promise<EmailPreferences> {
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['category', 'email'])
    .where('user_id', '=', userId)
    .execute();
  const stored = new Map(rows.map((row) => [row.category, row.email]));
  return Object.fromEntries(
    NOTIFICATION_CATEGORIES.map((category) => [category, stored.get(category) ?? true]),
  ) as EmailPreferences;
}

/** Changes the given categories, leaves the others; returns the full preferences. */
export async function setEmailPreferences(
  db: DbOrTrx,
  input: { userId: string; email: Partial<EmailPreferences> },
): Promise<EmailPreferences> {
  const rows = NOTIFICATION_CATEGORIES.filter(
    (category) => input.email[category] !== undefined,
  ).map((category) => ({
    user_id: input.userId,
    category,
    email: input.email[category] as boolean,
  }));
  if (rows.length > 0) {
    await db
      .insertInto('notification_preferences')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'category'])
          .doUpdateSet((eb) => ({ email: eb.ref('excluded.email') })),
      )
      .execute();
  }
  return getEmailPreferences(db, input.userId);
}

/** For the mailer: may a notification of `type` be emailed to the user? */
export async function wantsEmail(db: DbOrTrx, userId: string, type: string): Promise<boolean> {
  const category = notificationCategory(type);
  if (category === undefined) return true;
  const row = await db
    .selectFrom('notification_preferences')
    .select('email')
    .where('user_id', '=', userId)
    .where('category', '=', category)
    .executeTakeFirst();
  return row?.email ?? true;
}

/** Delivery attempts of one notification (email + webhooks), with graphile's backoff between. */
export const NOTIFICATION_DELIVERY_ATTEMPTS = 8;

/**
 * Records an in-app notification for a user and queues its email and webhook deliveries on the
 * caller's transaction, so it exists exactly when the change it announces commits. The API uses
 * it (fapiao issued), and the worker's notify() is this, for its own events. Never secrets in
 * title, body or data.
 */
export async function notifyUser(
  trx: DbOrTrx,
  input: {
    userId: string;
    type: string;
    title: string;
    body: string;
    data?: Record<string, unknown>;
  },
): Promise<string> {
  const { id } = await trx
    .insertInto('notifications')
    .values({
      user_id: input.userId,
      type: input.type,
      title: input.title,
      body: input.body,
      data: input.data ?? {},
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueue(
    trx,
    'send_notification',
    { notificationId: id },
    { jobKey: jobKeys.notification(id), maxAttempts: NOTIFICATION_DELIVERY_ATTEMPTS },
  );
  return id;
}
