import type { User } from '@roundhouse/db';
import { insertUser } from '@roundhouse/db/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { allPages, expectRefusedUnchanged, insertAdmin, useSignedInAdmin } from './admin-fixtures';

const { db, admin, api } = useSignedInAdmin();

async function insertSession(userId: string) {
  const id = crypto.randomUUID();
  await db()
    .insertInto('session')
    .values({
      id,
      token: `token-${id}`,
      userId,
      expiresAt: new Date(Date.now() + 86_400_000),
      updatedAt: new Date(),
    })
    .execute();
  return id;
}

const sessionsOf = async (userId: string) =>
  (await db().selectFrom('session').select('id').where('userId', '=', userId).execute()).length;

const userRow = (id: string) =>
  db().selectFrom('user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('admin.users.ban / unban', () => {
  it('bans with a reason and expiry, revokes every session of theirs only, and audits', async () => {
    const target = await insertUser(db());
    const bystander = await insertUser(db());
    await insertSession(target.id);
    await insertSession(target.id);
    await insertSession(bystander.id);
    const expiresAt = new Date(Date.now() + 7 * 86_400_000);

    const result = await api().users.ban({
      userId: target.id,
      reason: 'chargeback fraud',
      expiresAt,
    });
    expect(result).toMatchObject({
      revokedSessions: 2,
      user: { id: target.id, banned: true, banReason: 'chargeback fraud', banExpires: expiresAt },
    });
    expect(await sessionsOf(target.id)).toBe(0);
    expect(await sessionsOf(bystander.id)).toBe(1);

    const unbanned = await api().users.unban({ userId: target.id });
    expect(unbanned).toMatchObject({ banned: false, banReason: null, banExpires: null });
    const audit = await db()
      .selectFrom('audit_log')
      .select(['actor_type', 'actor_id', 'action', 'details'])
      .where('target_id', '=', target.id)
      .orderBy('at')
      .execute();
    expect(audit).toEqual([
      {
        actor_type: 'ADMIN',
        actor_id: admin().id,
        action: 'admin.user.ban',
        details: {
          reason: 'chargeback fraud',
          expiresAt: expiresAt.toISOString(),
          revokedSessions: 2,
        },
      },
      expect.objectContaining({ action: 'admin.user.unban' }),
    ]);
  });

  it('bans for good without an expiry', async () => {
    const target = await insertUser(db());
    await api().users.ban({ userId: target.id, reason: 'spam' });
    expect(await userRow(target.id)).toMatchObject({ banned: true, banExpires: null });
  });

  it('refuses to let an admin ban themselves (nothing changes, sessions stay)', async () => {
    await insertSession(admin().id);
    await expectRefusedUnchanged(
      db(),
      () => api().users.ban({ userId: admin().id, reason: 'oops' }),
      'BAD_REQUEST',
      /yourself/,
    );
    expect(await sessionsOf(admin().id)).toBe(1);
  });

  it('refuses bad input and unknown users, changing nothing', async () => {
    const target = await insertUser(db());
    await insertSession(target.id);
    for (const input of [
      { userId: target.id, reason: '' },
      { userId: target.id, reason: 'x'.repeat(501) },
      { userId: target.id, reason: 'x', expiresAt: new Date(Date.now() - 1000) },
      { userId: '', reason: 'x' },
    ]) {
      await expectRefusedUnchanged(db(), () => api().users.ban(input), 'BAD_REQUEST');
    }
    await expectRefusedUnchanged(
      db(),
      () => api().users.ban({ userId: 'no-such-user', reason: 'x' }),
      'NOT_FOUND',
    );
  });
});

describe('admin.users.setRole', () => {
  it('promotes and demotes others, audited with the old and new role', async () => {
    const target = await insertUser(db());
    expect(await api().users.setRole({ userId: target.id, role: 'admin' })).toMatchObject({
      role: 'admin',
    });
    expect(await api().users.setRole({ userId: target.id, role: 'user' })).toMatchObject({
      role: 'user',
    });
    const details = await db()
      .selectFrom('audit_log')
      .select('details')
      .where('target_id', '=', target.id)
      .where('action', '=', 'admin.user.set_role')
      .orderBy('at')
      .execute();
    expect(details.map((row) => row.details)).toEqual([
      { from: 'user', to: 'admin' },
      { from: 'admin', to: 'user' },
    ]);
  });

  it("refuses an admin's own demotion and unknown roles, changing nothing", async () => {
    await expectRefusedUnchanged(
      db(),
      () => api().users.setRole({ userId: admin().id, role: 'user' }),
      'BAD_REQUEST',
      /own role/,
    );
    const target = await insertUser(db());
    await expectRefusedUnchanged(
      db(),
      () => api().users.setRole({ userId: target.id, role: 'owner' as 'admin' }),
      'BAD_REQUEST',
    );
  });
});

describe('admin.users.list', () => {
  it('filters by search, role and ban, and pages without duplicates or gaps', async () => {
    await sql`delete from "user" where id <> ${admin().id}`.execute(db());
    const users: User[] = [];
    for (let i = 0; i < 12; i += 1) {
      const user = await insertUser(db());
      await db()
        .updateTable('user')
        .set({
          name: i === 3 ? 'Zhang_Wei 100%' : `Customer ${i}`,
          banned: i % 4 === 0,
          // several users share one createdAt: the id breaks the tie
          createdAt: new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 3))),
        })
        .where('id', '=', user.id)
        .execute();
      users.push(user);
    }
    const secondAdmin = await insertAdmin(db());

    const everyone = await allPages((cursor) => api().users.list({ limit: 5, cursor }));
    const ids = everyone.items.map((user) => user.id);
    expect(new Set(ids).size).toBe(14);
    expect(ids).toEqual(
      expect.arrayContaining([admin().id, secondAdmin.id, ...users.map((u) => u.id)]),
    );
    const whole = await api().users.list({ limit: 100 });
    expect(whole.items.map((user) => user.id)).toEqual(ids);

    const admins = await api().users.list({ role: 'admin' });
    expect(admins.items.map((user) => user.id).sort()).toEqual([admin().id, secondAdmin.id].sort());
    const banned = await api().users.list({ banned: true });
    expect(banned.items.map((user) => user.id).sort()).toEqual(
      users
        .filter((_, i) => i % 4 === 0)
        .map((u) => u.id)
        .sort(),
    );
    const notBanned = await api().users.list({ banned: false, limit: 100 });
    expect(notBanned.items).toHaveLength(11);
    expect((await api().users.list({ search: 'g_wei 100%' })).items.map((u) => u.id)).toEqual([
      users[3]!.id,
    ]);
    expect((await api().users.list({ search: 'g%wei' })).items).toEqual([]);
    expect((await api().users.list({ search: users[5]!.email.toUpperCase() })).items).toHaveLength(
      1,
    );
  });
});
