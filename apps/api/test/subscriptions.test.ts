import type { User } from '@roundhouse/db';
import { insertInstance, insertSubscription, insertUser } from '@roundhouse/db/testing';
import { describe, expect, it } from 'vitest';
import { useTestServices } from './support/use-test-db';
import { subscriptionsRouter } from '../src/routers/subscriptions.router';
import { createCallerFactory, createTRPCRouter } from '../src/trpc';
import { contextFor, sessionCaller } from './support/context';

const createCaller = createCallerFactory(createTRPCRouter({ subscriptions: subscriptionsRouter }));

const { db, services } = useTestServices();

const callerFor = (user: User) => createCaller(contextFor(services(), sessionCaller(user)));

describe('subscriptions.list and detail', () => {
  it("show only the caller's subscriptions, newest first, with the live instance", async () => {
    const user = await insertUser(db());
    const older = await insertSubscription(db(), user.id, { status: 'ACTIVE', plan: 'PRO' });
    const newer = await insertSubscription(db(), user.id, { status: 'PENDING' });
    const instance = await insertInstance(db(), older, { status: 'RUNNING' });
    await insertInstance(db(), newer, { status: 'DELETED' }); // history, not the live one
    const other = await insertUser(db());
    await insertSubscription(db(), other.id, { status: 'ACTIVE' });

    const list = await callerFor(user).subscriptions.list();
    expect(list.map((s) => s.id)).toEqual([newer.id, older.id]);
    expect(list[1]).toMatchObject({
      plan: 'PRO',
      planName: { en: 'Pro' },
      status: 'ACTIVE',
      cancelAtPeriodEnd: false,
      instance: { id: instance.id, status: 'RUNNING', publicUrl: null },
    });
    expect(list[0]?.instance).toBeNull();

    const detail = await callerFor(user).subscriptions.detail({ subscriptionId: older.id });
    expect(detail).toEqual(list[1]);
  });

  it("is NOT_FOUND for someone else's subscription or an unknown id", async () => {
    const owner = await insertUser(db());
    const subscription = await insertSubscription(db(), owner.id, { status: 'ACTIVE' });
    const api = callerFor(await insertUser(db()));
    await expect(
      api.subscriptions.detail({ subscriptionId: subscription.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      api.subscriptions.detail({ subscriptionId: crypto.randomUUID() }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await api.subscriptions.list()).toEqual([]);
  });
});

describe('subscriptions.cancelAtPeriodEnd', () => {
  async function auditOf(subscriptionId: string) {
    return db()
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', subscriptionId)
      .orderBy('created_at')
      .execute();
  }

  it('toggles on and off, auditing each change once', async () => {
    const user = await insertUser(db());
    const subscription = await insertSubscription(db(), user.id, { status: 'PAST_DUE' });
    const api = callerFor(user);
    const input = { subscriptionId: subscription.id };

    expect(await api.subscriptions.cancelAtPeriodEnd({ ...input, cancel: true })).toMatchObject({
      cancelAtPeriodEnd: true,
      status: 'PAST_DUE',
    });
    // asking again changes nothing and is not audited twice
    await api.subscriptions.cancelAtPeriodEnd({ ...input, cancel: true });
    expect(await api.subscriptions.cancelAtPeriodEnd({ ...input, cancel: false })).toMatchObject({
      cancelAtPeriodEnd: false,
    });
    const audit = await auditOf(subscription.id);
    expect(audit.map((entry) => [entry.action, entry.details, entry.actor_id])).toEqual([
      ['subscriptions.cancel_at_period_end', { cancelAtPeriodEnd: true }, user.id],
      ['subscriptions.cancel_at_period_end', { cancelAtPeriodEnd: false }, user.id],
    ]);
  });

  it('refuses subscriptions that are not ACTIVE or PAST_DUE, saying which state they are in', async () => {
    const user = await insertUser(db());
    const api = callerFor(user);
    for (const status of ['PENDING', 'SUSPENDED', 'CANCELED', 'EXPIRED'] as const) {
      const subscription = await insertSubscription(db(), user.id, { status });
      await expect(
        api.subscriptions.cancelAtPeriodEnd({ subscriptionId: subscription.id, cancel: true }),
      ).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining(`The subscription is ${status}`),
      });
      const row = await db()
        .selectFrom('subscriptions')
        .selectAll()
        .where('id', '=', subscription.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual(subscription);
      expect(await auditOf(subscription.id)).toEqual([]);
    }
  });

  it("rejects bad input and someone else's subscription, changing nothing", async () => {
    const owner = await insertUser(db());
    const subscription = await insertSubscription(db(), owner.id, { status: 'ACTIVE' });
    const api = callerFor(await insertUser(db()));
    await expect(
      api.subscriptions.cancelAtPeriodEnd({ subscriptionId: subscription.id, cancel: true }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const bad = [
      { subscriptionId: 'nope', cancel: true },
      { subscriptionId: subscription.id, cancel: 'yes' },
      { subscriptionId: subscription.id },
    ];
    for (const input of bad) {
      // @ts-expect-error deliberately malformed
      await expect(callerFor(owner).subscriptions.cancelAtPeriodEnd(input)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    }
    const row = await db()
      .selectFrom('subscriptions')
      .selectAll()
      .where('id', '=', subscription.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual(subscription);
    expect(await auditOf(subscription.id)).toEqual([]);
  });
});
