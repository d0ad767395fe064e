import type { User } from '@roundhouse/db';
import { recordAudit } from '@roundhouse/db/repositories/audit';
import { insertOrder, insertUser } from '@roundhouse/db/testing';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { allPages, useSignedInAdmin } from './admin-fixtures';

let customers: User[];
const { db, api } = useSignedInAdmin();
beforeAll(async () => {
  customers = [await insertUser(db()), await insertUser(db())];
});

describe('admin.auditLog.list', () => {
  it('filters by actor, action prefix, target and time, paging newest first', async () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 1, 1, 0, minute));
    const entries = [
      { action: 'admin.user.set_role', actorId: 'admin-1', minute: 1 },
      { action: 'admin.userXset_role', actorId: 'admin-1', minute: 2 },
      { action: 'admin.instance.suspend', actorId: 'admin-2', minute: 3 },
      { action: 'credentials.set', actorId: customers[0]!.id, minute: 4 },
      { action: 'credentials.set', actorId: customers[1]!.id, minute: 4 },
      { action: 'apiKeys.create', actorId: customers[0]!.id, minute: 5 },
    ];
    for (const entry of entries) {
      await recordAudit(db(), {
        actorType: entry.actorId.startsWith('admin') ? 'ADMIN' : 'USER',
        actorId: entry.actorId,
        action: entry.action,
        target: { type: 'thing', id: `t-${entry.minute}` },
      });
    }
    // recordAudit stamps now(); spread the entries over known times instead
    for (const entry of entries) {
      await sql`update audit_log set at = ${at(entry.minute)}
                where action = ${entry.action} and actor_id = ${entry.actorId}`.execute(db());
    }
    const actions = async (input: Parameters<ReturnType<typeof api>['auditLog']['list']>[0]) =>
      (await api().auditLog.list(input)).items.map((item) => item.action);

    expect(await actions({ actionPrefix: 'admin.' })).toEqual([
      'admin.instance.suspend',
      'admin.userXset_role',
      'admin.user.set_role',
    ]);
    // `_` and `.` are literal in the prefix, not wildcards
    expect(await actions({ actionPrefix: 'admin.user.' })).toEqual(['admin.user.set_role']);
    expect(await actions({ actorType: 'USER', actorId: customers[0]!.id })).toEqual([
      'apiKeys.create',
      'credentials.set',
    ]);
    expect(await actions({ targetType: 'thing', targetId: 't-3' })).toEqual([
      'admin.instance.suspend',
    ]);
    expect(await actions({ from: at(2), to: at(4) })).toEqual([
      'admin.instance.suspend',
      'admin.userXset_role',
    ]);

    const paged = await allPages((cursor) => api().auditLog.list({ limit: 2, cursor }));
    const whole = await api().auditLog.list({ limit: 100 });
    expect(paged.items.map((item) => item.id)).toEqual(whole.items.map((item) => item.id));
    expect(new Set(paged.items.map((item) => item.id)).size).toBe(entries.length);
    expect(whole.items[0]).toMatchObject({
      actorType: 'USER',
      action: 'apiKeys.create',
      target: { type: 'thing', id: 't-5' },
    });
    await expect(api().auditLog.list({ from: at(4), to: at(2) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

describe('admin.orders.list and admin.refunds.list', () => {
  it('filter and page orders and refunds of every user', async () => {
    const orders = [];
    for (let i = 0; i < 7; i += 1) {
      orders.push(
        await insertOrder(db(), customers[i % 2]!.id, {
          status: i < 5 ? 'PAID' : 'CLOSED',
          provider: i % 3 === 0 ? 'ALIPAY' : 'SANDBOX',
          amount_minor: 1000 + i,
        }),
      );
    }
    const refund = await db()
      .insertInto('refunds')
      .values({
        order_id: orders[0]!.id,
        amount_minor: 500,
        currency: 'CNY',
        out_request_no: `R-${orders[0]!.id}`,
        requested_by: 'admin',
      })
      .returningAll()
      .executeTakeFirstOrThrow();

    const paged = await allPages((cursor) => api().orders.list({ limit: 3, cursor }));
    expect(paged.items.map((order) => order.id).sort()).toEqual(orders.map((o) => o.id).sort());
    expect(paged.pages).toBe(3);
    const ids = async (input: Parameters<ReturnType<typeof api>['orders']['list']>[0]) =>
      (await api().orders.list(input)).items.map((order) => order.id).sort();
    expect(await ids({ statuses: ['CLOSED'] })).toEqual([orders[5]!.id, orders[6]!.id].sort());
    expect(await ids({ provider: 'ALIPAY', userId: customers[0]!.id })).toEqual(
      [orders[0]!.id, orders[6]!.id].sort(),
    );
    expect(await ids({ outTradeNo: orders[3]!.out_trade_no })).toEqual([orders[3]!.id]);
    const first = (await api().orders.list({ outTradeNo: orders[1]!.out_trade_no })).items[0];
    expect(first).toMatchObject({
      user: { id: customers[1]!.id, email: customers[1]!.email },
      amountMinor: 1001,
      currency: 'CNY',
    });

    const refunds = await api().refunds.list({ userId: customers[0]!.id });
    expect(refunds.items).toEqual([
      expect.objectContaining({
        id: refund.id,
        orderId: orders[0]!.id,
        outTradeNo: orders[0]!.out_trade_no,
        amountMinor: 500,
        status: 'PENDING',
      }),
    ]);
    expect((await api().refunds.list({ userId: customers[1]!.id })).items).toEqual([]);
    expect((await api().refunds.list({ statuses: ['SUCCEEDED'] })).items).toEqual([]);
    await expect(api().refunds.list({ orderId: 'not-a-uuid' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
