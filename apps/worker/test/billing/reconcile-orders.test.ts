import { NetworkError } from '@roundhouse/core';
import { openOrder } from '@roundhouse/db/repositories/orders';
import { recordSandboxPayment, sandboxTradeBook } from '@roundhouse/db/repositories/sandbox-trades';
import { insertUser } from '@roundhouse/db/testing';
import {
  createPaymentAdapters,
  type PaymentAdapters,
  sandboxTradeNo,
  type SandboxTradeBook,
} from '@roundhouse/payments';
import { afterEach, describe, expect, it } from 'vitest';
import { useWorkerHarness } from '../support/use-test-db';
import { reconcileOrdersTask } from '../../src/tasks/reconcile-orders.task';
import { ageOrder, jobKeysOf, minutes, payBySandbox, rowReaders } from './billing-fixtures';

let adapters: PaymentAdapters;
/** The provider's trade book; a test can make it fail like an unreachable provider. */
let failingQueries = 0;

const { testDb, sim, harness } = useWorkerHarness(({ testDb }) => {
  const book = sandboxTradeBook(testDb.db);
  const flakyBook: SandboxTradeBook = {
    find: async (outTradeNo) => {
      if (failingQueries > 0) {
        failingQueries--;
        throw new NetworkError('sandbox provider unreachable', { mayHaveBeenApplied: false });
      }
      return book.find(outTradeNo);
    },
  };
  adapters = createPaymentAdapters(undefined, 'http://127.0.0.1:9', {
    sandboxTradeBook: flakyBook,
  });
  return { tasks: [reconcileOrdersTask], overrides: { payments: adapters } };
});
afterEach(() => {
  failingQueries = 0;
});

const db = () => testDb().db;
const { orderRow, subscriptionRow } = rowReaders(db);
const reconcile = async () => {
  const result = await harness().runJob('reconcile_orders', {});
  expect(result.status).toBe('succeeded');
};

async function newOrder() {
  const user = await insertUser(db());
  const { order } = await openOrder(db(), {
    userId: user.id,
    plan: 'BASIC',
    provider: 'SANDBOX',
    currency: 'CNY',
  });
  return order;
}

/** The buyer paid at the "provider" (the sandbox cashier's book) and the notification was lost. */
async function payWithoutNotifying(order: { out_trade_no: string; amount_minor: number }) {
  return recordSandboxPayment(db(), {
    outTradeNo: order.out_trade_no,
    tradeNo: sandboxTradeNo(),
    amountMinor: order.amount_minor,
    paidAt: new Date(),
  });
}

describe('reconcile_orders', () => {
  it('leaves a young unpaid order alone, then closes it once its checkout expired', async () => {
    const order = await newOrder();
    await reconcile();
    expect((await orderRow(order.id)).reconcile_attempts).toBe(0); // too young to ask about

    await ageOrder(db(), order.id, minutes(10)); // old enough, checkout still open
    await reconcile();
    const asked = await orderRow(order.id);
    expect(asked).toMatchObject({ status: 'CREATED', reconcile_attempts: 1 });

    await ageOrder(db(), order.id, minutes(25)); // now past expires_at
    sim().clock.advance(minutes(2)); // and past its backoff
    await reconcile();
    const closed = await orderRow(order.id);
    expect(closed.status).toBe('CLOSED');
    expect(closed.closed_at).not.toBeNull();
    expect((await subscriptionRow(order.subscription_id!)).status).toBe('PENDING');
  });

  it('settles a paid order whose notification was lost; the late notification is a duplicate', async () => {
    const order = await newOrder();
    const trade = await payWithoutNotifying(order);
    await ageOrder(db(), order.id, minutes(6));
    await reconcile();

    const paid = await orderRow(order.id);
    expect(paid).toMatchObject({ status: 'PAID', provider_txn_id: trade.tradeNo });
    const subscription = await subscriptionRow(order.subscription_id!);
    expect(subscription.status).toBe('ACTIVE');
    const event = await db()
      .selectFrom('payment_events')
      .selectAll()
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ event_key: `query:${trade.tradeNo}`, outcome: 'APPLIED' });

    // The real notification arrives after all: verified by the real adapter, settled as usual.
    const late = await payBySandbox(db(), adapters, order, trade.tradeNo);
    expect(late.outcome).toBe('DUPLICATE');

    const after = await subscriptionRow(order.subscription_id!);
    expect(after.current_period_end).toEqual(subscription.current_period_end); // one period
    const instances = await db()
      .selectFrom('instances')
      .select('id')
      .where('subscription_id', '=', order.subscription_id)
      .execute();
    expect(instances).toHaveLength(1);
    expect(await jobKeysOf(db(), 'clone_instance')).toEqual([`clone:${instances[0]!.id}`]);
    expect(await orderRow(order.id)).toMatchObject({
      status: 'PAID',
      provider_txn_id: trade.tradeNo,
    });
  });

  it('changes nothing when the provider cannot be asked, and asks again after a backoff', async () => {
    const order = await newOrder();
    await payWithoutNotifying(order);
    await ageOrder(db(), order.id, minutes(40)); // expired too: an unanswered query never closes it
    failingQueries = 1;
    await reconcile();
    const failed = await orderRow(order.id);
    expect(failed).toMatchObject({ status: 'CREATED', reconcile_attempts: 1 });
    expect(failed.reconcile_next_at!.getTime()).toBeGreaterThan(sim().clock.now());

    await reconcile(); // inside the backoff: not asked again
    expect((await orderRow(order.id)).reconcile_attempts).toBe(1);

    sim().clock.advance(minutes(2));
    await reconcile();
    expect(await orderRow(order.id)).toMatchObject({ status: 'PAID', reconcile_attempts: 2 });
  });

  it('backs off exponentially per order while the provider keeps failing', async () => {
    const order = await newOrder();
    await ageOrder(db(), order.id, minutes(6));
    const delays: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      failingQueries = 1;
      const before = sim().clock.now();
      await reconcile();
      const row = await orderRow(order.id);
      delays.push(Math.round((row.reconcile_next_at!.getTime() - before) / 60_000));
      sim().clock.advance(row.reconcile_next_at!.getTime() - before);
    }
    expect(delays).toEqual([1, 2, 4, 8, 10]);
    expect((await orderRow(order.id)).status).toBe('CREATED');
  });
});
