import { ResourceError, type UserRole } from '@roundhouse/core';
import type { Transaction } from 'kysely';
import type { DbOrTrx } from '../client';
import type { User } from '../schema/auth';
import type { Database } from '../schema/database';
import { type AuditActor, recordAudit } from './audit';
import {
  afterCursor,
  containsPattern,
  type Keyset,
  type Page,
  sortKey,
  toPage,
} from './list-query';

/**
 * Users as admins manage them: list, ban, unban, set role. Written straight to better-auth's
 * tables (the admin plugin's `banned`/`banReason`/`banExpires` and `role` columns, sessions
 * deleted to sign the user out) so each change commits in one transaction with its audit entry.
 * better-auth reads these columns on every sign-in and session lookup, so it honours them.
 */

export interface UserListInput {
  /** Part of the email or name, case-insensitive. */
  search?: string;
  role?: UserRole;
  banned?: boolean;
  limit: number;
  cursor?: string;
}

/** Newest first, paged by ("createdAt", id). */
const USER_KEYSET: Keyset = {
  sort: 'u.createdAt',
  sortType: 'timestamptz',
  id: 'u.id',
  idType: 'text',
  direction: 'desc',
};

const USER_COLUMNS = [
  'u.id',
  'u.email',
  'u.name',
  'u.role',
  'u.banned',
  'u.banReason',
  'u.banExpires',
  'u.emailVerified',
  'u.createdAt',
] as const;

export type AdminUserRow = Pick<
  User,
  | 'id'
  | 'email'
  | 'name'
  | 'role'
  | 'banned'
  | 'banReason'
  | 'banExpires'
  | 'emailVerified'
  | 'createdAt'
>;

export async function listUsers(db: DbOrTrx, input: UserListInput): Promise<Page<AdminUserRow>> {
  let query = db
    .selectFrom('user as u')
    .select(USER_COLUMNS)
    .select(sortKey(USER_KEYSET).as('sort_key'));
  if (input.search !== undefined) {
    const pattern = containsPattern(input.search);
    query = query.where((eb) =>
      eb.or([eb('u.email', 'ilike', pattern), eb('u.name', 'ilike', pattern)]),
    );
  }
  // A null role is better-auth's default role, 'user'.
  if (input.role === 'admin') query = query.where('u.role', '=', 'admin');
  if (input.role === 'user') {
    query = query.where((eb) => eb.or([eb('u.role', '=', 'user'), eb('u.role', 'is', null)]));
  }
  if (input.banned === true) query = query.where('u.banned', '=', true);
  if (input.banned === false) {
    query = query.where((eb) => eb.or([eb('u.banned', '=', false), eb('u.banned', 'is', null)]));
  }
  if (input.cursor !== undefined) query = query.where(afterCursor(USER_KEYSET, input.cursor));
  const rows = await query
    .orderBy('u.createdAt', 'desc')
    .orderBy('u.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return toPage(rows, input.limit, ({ sort_key: _key, ...row }) => row);
}

/**
 * Bans a user (until `expiresAt`, or for good) and deletes their sessions, which signs them out
 * everywhere. An admin can't ban themselves. Returns how many sessions were revoked.
 */
export async function banUser(
  trx: Transaction<Database>,
  input: {
    userId: string;
    reason: string;
    expiresAt: Date | null;
    by: AuditActor;
    adminId: string;
  },
): Promise<{ user: AdminUserRow; revokedSessions: number }> {
  if (input.userId === input.adminId) {
    throw new ResourceError("You can't ban yourself", { reason: 'INVALID' });
  }
  await lockUser(trx, input.userId);
  const user = await trx
    .updateTable('user as u')
    .set({ banned: true, banReason: input.reason, banExpires: input.expiresAt })
    .where('u.id', '=', input.userId)
    .returning(USER_COLUMNS)
    .executeTakeFirstOrThrow();
  const revoked = await trx
    .deleteFrom('session')
    .where('userId', '=', input.userId)
    .executeTakeFirst();
  const revokedSessions = Number(revoked.numDeletedRows);
  await recordAudit(trx, {
    ...input.by,
    action: 'admin.user.ban',
    target: { type: 'user', id: input.userId },
    details: {
      reason: input.reason,
      expiresAt: input.expiresAt?.toISOString() ?? null,
      revokedSessions,
    },
  });
  return { user, revokedSessions };
}

export async function unbanUser(
  trx: Transaction<Database>,
  input: { userId: string; by: AuditActor },
): Promise<AdminUserRow> {
  const before = await lockUser(trx, input.userId);
  const user = await trx
    .updateTable('user as u')
    .set({ banned: false, banReason: null, banExpires: null })
    .where('u.id', '=', input.userId)
    .returning(USER_COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    ...input.by,
    action: 'admin.user.unban',
    target: { type: 'user', id: input.userId },
    details: { wasBanned: before.banned === true, banReason: before.banReason },
  });
  return user;
}

/** An admin can't change their own role (so the last admin can't lock everyone out by mistake). */
export async function setUserRole(
  trx: Transaction<Database>,
  input: { userId: string; role: UserRole; by: AuditActor; adminId: string },
): Promise<AdminUserRow> {
  if (input.userId === input.adminId) {
    throw new ResourceError("You can't change your own role", { reason: 'INVALID' });
  }
  const before = await lockUser(trx, input.userId);
  const user = await trx
    .updateTable('user as u')
    .set({ role: input.role })
    .where('u.id', '=', input.userId)
    .returning(USER_COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    ...input.by,
    action: 'admin.user.set_role',
    target: { type: 'user', id: input.userId },
    details: { from: before.role ?? 'user', to: input.role },
  });
  return user;
}

async function lockUser(trx: Transaction<Database>, userId: string) {
  const user = await trx
    .selectFrom('user')
    .select(['id', 'role', 'banned', 'banReason'])
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (!user) throw new ResourceError(`User ${userId} not found`, { reason: 'NOT_FOUND' });
  return user;
}
