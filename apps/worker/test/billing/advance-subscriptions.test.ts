import {
  createTestDatabase,
  insertInstance,
  insertOrder,
  insertSubscription,
  insertUser,
  type TestDatabase,
} from '@roundhouse/db/testing';
import { createSimulator, type Simulator } from '@roundhouse/railway-sdk/simulator';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceSubscriptions } from '../../src/billing/advance-subscriptions';
import { directContext } from '../../src/saga/direct-run';
import { advanceSubscriptionsTask } from '../../src/tasks/advance-subscriptions.task';
import { deleteInstanceTask } from '../../src/tasks/delete-instance.task';
import { suspendInstanceTask } from '../../src/tasks/suspend-instance.task';
import { startWorkerHarness, type WorkerHarness } from '../support/worker-harness';
import {
  auditActions,
  days,
  minutes,
  notificationTypes,
  setPeriod,
  rowReaders,
} from './billing-fixtures';

let testDb: TestDatabase;
let sim: Simulator;
let harness: WorkerHarness;

beforeAll(async () => {
  [testDb, sim] = await Promise.all([createTestDatabase(), createSimulator({ clock: 'manual' })]);
  harness = await startWorkerHarness({
    db: testDb,
    sim,
    tasks: [advanceSubscriptionsTask, suspendInstanceTask, deleteInstanceTask],
  });
});
afterAll(async () => {
  await harness?.stop();
  await Promise.all([sim?.close(), testDb?.destroy()]);
});

const db = () => testDb.db;
const { subscriptionRow, instanceRow } = rowReaders(db);
const now = () => new Date(sim.clock.now());
/** Runs the suspend / delete jobs queued so far (notification deliveries are not this file's). */
const drainInstanceJobs = async () => {
  await harness.drain({ task: 'suspend_instance' });
  await harness.drain({ task: 'delete_instance' });
};
/** One advance_subscriptions run through graphile-worker, then the instance jobs it queued. */
const advance = async () => {
  expect((await harness.runJob('advance_subscriptions', {})).status).toBe('succeeded');
  await drainInstanceJobs();
};
const reminderDays = async (userId: string) =>
  (
    await db()
      .selectFrom('notifications')
      .select('data')
      .where('user_id', '=', userId)
      .where('type', '=', 'subscription.renewal_reminder')
      .orderBy('created_at')
      .execute()
  ).map((row) => row.data.daysBefore);

/** A user with an ACTIVE subscription ending `endsIn` from the simulated now, and its instance. */
async function activeSubscription(endsIn: number, options: { cancel?: boolean } = {}) {
  const user = await insertUser(db());
  const inserted = await insertSubscription(db(), user.id, { status: 'ACTIVE' });
  const subscription = await setPeriod(db(), inserted.id, {
    current_period_end: new Date(now().getTime() + endsIn),
    cancel_at_period_end: options.cancel ?? false,
  });
  const instance = await insertInstance(db(), subscription, { status: 'RUNNING' });
  return { user, subscription, instance };
}

describe('advance_subscriptions', () => {
  it('sends the 7-day and the 1-day reminder once each, across reruns', async () => {
    const { user, subscription } = await activeSubscription(days(6));
    await advance();
    await advance();
    expect(await reminderDays(user.id)).toEqual([7]);

    sim.clock.advance(days(5) + minutes(720)); // half a day left
    await advance();
    await advance();
    expect(await reminderDays(user.id)).toEqual([7, 1]);
    expect((await subscriptionRow(subscription.id)).status).toBe('ACTIVE');
  });

  it('sends only the nearest reminder to a period already inside the 1-day window', async () => {
    const { user } = await activeSubscription(minutes(600));
    await advance();
    await advance();
    expect(await reminderDays(user.id)).toEqual([1]);
  });

  it('PAST_DUE at the period end, SUSPENDED after the grace period, EXPIRED after retention', async () => {
    const { user, subscription, instance } = await activeSubscription(minutes(30));
    sim.clock.advance(minutes(31));
    await advance();
    expect((await subscriptionRow(subscription.id)).status).toBe('PAST_DUE');
    expect((await instanceRow(instance.id)).status).toBe('RUNNING'); // grace: still serving

    sim.clock.advance(days(2));
    await advance();
    expect((await subscriptionRow(subscription.id)).status).toBe('PAST_DUE');

    sim.clock.advance(days(1));
    await advance();
    expect((await subscriptionRow(subscription.id)).status).toBe('SUSPENDED');
    expect((await instanceRow(instance.id)).status).toBe('SUSPENDED');

    sim.clock.advance(days(29));
    await advance();
    expect((await subscriptionRow(subscription.id)).status).toBe('SUSPENDED');
    sim.clock.advance(days(1));
    await advance();
    expect((await subscriptionRow(subscription.id)).status).toBe('EXPIRED');
    expect((await instanceRow(instance.id)).status).toBe('DELETED');

    const types = await notificationTypes(db(), user.id);
    expect(types.filter((type) => type.startsWith('subscription.'))).toEqual([
      'subscription.past_due',
      'subscription.suspended',
      'subscription.expired',
    ]);
    expect(types).toContain('instance.suspended');
    expect(await auditActions(db(), subscription.id)).toEqual([
      'subscriptions.past_due',
      'subscriptions.suspended',
      'subscriptions.expired',
    ]);
  });

  it('a subscription canceled at period end is CANCELED (instance suspended), then EXPIRED', async () => {
    const { subscription, instance } = await activeSubscription(-minutes(1), { cancel: true });
    await advance();
    const canceled = await subscriptionRow(subscription.id);
    expect(canceled.status).toBe('CANCELED');
    expect(canceled.canceled_at).not.toBeNull();
    expect((await instanceRow(instance.id)).status).toBe('SUSPENDED');

    sim.clock.advance(days(30));
    await advance();
    expect((await subscriptionRow(subscription.id)).status).toBe('EXPIRED');
    expect((await instanceRow(instance.id)).status).toBe('DELETED');
  });

  it('a complimentary grant lapses like a paid period', async () => {
    const { subscription } = await activeSubscription(-minutes(1));
    await db()
      .updateTable('subscriptions')
      .set({ source: 'COMPLIMENTARY' })
      .where('id', '=', subscription.id)
      .execute();
    await advance();
    expect((await subscriptionRow(subscription.id)).status).toBe('PAST_DUE');
  });

  it('two runs at once move each subscription once and queue one job per instance', async () => {
    // Ended 4 days ago: a run takes it to PAST_DUE and then, grace over, to SUSPENDED.
    const seeded = await Promise.all(
      Array.from({ length: 30 }, () => activeSubscription(-days(4))),
    );
    const ids = seeded.map(({ subscription }) => subscription.id);
    const userIds = seeded.map(({ user }) => user.id);
    const ctx = directContext(harness.deps);
    // Small batches, so the two runs interleave batch by batch.
    const [a, b] = await Promise.all([advanceSubscriptions(ctx, 4), advanceSubscriptions(ctx, 4)]);
    expect(a.pastDue + b.pastDue).toBe(30);
    expect(a.suspended + b.suspended).toBe(30);
    const audits = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', 'in', ids)
      .execute();
    expect(audits).toHaveLength(60);

    await drainInstanceJobs();
    for (const id of ids) expect((await subscriptionRow(id)).status).toBe('SUSPENDED');
    for (const { instance } of seeded) {
      expect((await instanceRow(instance.id)).status).toBe('SUSPENDED');
    }
    const notices = await db()
      .selectFrom('notifications')
      .select('type')
      .where('user_id', 'in', userIds)
      .execute();
    const count = (type: string) => notices.filter((notice) => notice.type === type).length;
    expect(count('subscription.past_due')).toBe(30);
    expect(count('subscription.suspended')).toBe(30);
    // A second suspend job for an instance would have told its owner twice.
    expect(count('instance.suspended')).toBe(30);
  });
});

describe('advance_subscriptions: abandoned checkouts', () => {
  /** A never-paid subscription created `age` ago, with orders in `orderStatuses`. */
  async function pending(age: number, orderStatuses: ('CREATED' | 'CLOSED')[]) {
    const user = await insertUser(db());
    const subscription = await insertSubscription(db(), user.id, { status: 'PENDING' });
    const createdAt = new Date(now().getTime() - age);
    await sql`update subscriptions set created_at = ${createdAt} where id = ${subscription.id}`.execute(
      db(),
    );
    for (const status of orderStatuses) {
      const order = await insertOrder(db(), user.id, { status });
      await db()
        .updateTable('orders')
        .set({ subscription_id: subscription.id })
        .where('id', '=', order.id)
        .execute();
    }
    return { user, subscription };
  }

  it('expires a PENDING subscription whose orders all closed, quietly and once', async () => {
    const abandoned = await pending(minutes(31), ['CLOSED', 'CLOSED']);
    const noOrders = await pending(days(2), []);
    const stillOpen = await pending(minutes(31), ['CLOSED', 'CREATED']);
    const young = await pending(minutes(5), ['CLOSED']);
    await advance();
    await advance();
    for (const { subscription, user } of [abandoned, noOrders]) {
      expect(await subscriptionRow(subscription.id)).toMatchObject({ status: 'EXPIRED' });
      expect(await auditActions(db(), subscription.id)).toEqual(['subscriptions.expired']);
      expect(await notificationTypes(db(), user.id)).toEqual([]);
    }
    for (const { subscription } of [stillOpen, young]) {
      expect(await subscriptionRow(subscription.id)).toMatchObject({ status: 'PENDING' });
    }
  });
});
