import { jobKeys, NetworkError, ResourceError, TimeoutError } from '@roundhouse/core';
import type { Order, Refund } from '@roundhouse/db';
import { openOrder } from '@roundhouse/db/repositories/orders';
import { askProviderForRefund } from '@roundhouse/db/repositories/refund-at-provider';
import { reserveRefund } from '@roundhouse/db/repositories/refunds';
import { insertUser } from '@roundhouse/db/testing';
import {
  createPaymentAdapters,
  type PaymentAdapters,
  type PaymentProviderAdapter,
  type RefundRequest,
  type RefundResult,
} from '@roundhouse/payments';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { reconcileRefunds } from '../src/billing/reconcile-refunds';
import { reconcileRefundsTask } from '../src/tasks/reconcile-refunds.task';
import { stopProviderRenewalTask } from '../src/tasks/stop-provider-renewal.task';
import { days, jobKeysOf, minutes, payBySandbox, rowReaders } from './billing/billing-fixtures';
import { useWorkerHarness } from './support/use-test-db';

/**
 * reconcile_refunds against a real database: refunds left PENDING by an admin's refund (the
 * provider's answer was lost) are asked again by the worker. The provider is the sandbox
 * adapter with its refund answer replaced per test (it records every question it gets), and a
 * sandbox copy standing in for Stripe records what it is told about renewal.
 */
let adapters: PaymentAdapters;
let sandbox: PaymentProviderAdapter;
const asked: RefundRequest[] = [];
const renewalsStopped: string[] = [];
/** Stripe unreachable for renewal changes while set. */
let stripeDown = false;
const sandboxAnswer = (request: RefundRequest) => sandbox.refund(request);
let answer: (request: RefundRequest) => Promise<RefundResult> = sandboxAnswer;

const { testDb, sim, harness } = useWorkerHarness(() => {
  adapters = createPaymentAdapters(undefined, 'http://127.0.0.1:9');
  sandbox = adapters.byProvider.ALIPAY!;
  adapters.byProvider.ALIPAY = {
    ...sandbox,
    refund: async (request) => {
      asked.push(request);
      return answer(request);
    },
  };
  adapters.byProvider.STRIPE = {
    ...sandbox,
    provider: 'STRIPE',
    setAutoRenew: async (subscriptionId, renew) => {
      if (stripeDown)
        throw new NetworkError('Stripe cannot be reached', { mayHaveBeenApplied: true });
      if (!renew) renewalsStopped.push(subscriptionId);
    },
  };
  return {
    tasks: [reconcileRefundsTask, stopProviderRenewalTask],
    overrides: { payments: adapters },
  };
});
afterEach(() => {
  answer = sandboxAnswer;
  stripeDown = false;
});

const db = () => testDb().db;
const { refundRow, orderRow } = rowReaders(db);
const admin = { actorType: 'ADMIN', actorId: 'admin-1', ip: null } as const;
const reconcile = async () => {
  const result = await harness().runJob('reconcile_refunds', {});
  expect(result.status).toBe('succeeded');
};
const subscriptionStatus = async (order: Order) =>
  (
    await db()
      .selectFrom('subscriptions')
      .select('status')
      .where('id', '=', order.subscription_id!)
      .executeTakeFirstOrThrow()
  ).status;
const askedFor = (refund: Refund) =>
  asked.filter((request) => request.refundNo === refund.out_request_no);

async function creditNotes(refundId: string): Promise<number> {
  const rows = await db().selectFrom('invoices').select('id').where('refund_id', '=', refundId);
  return (await rows.execute()).length;
}

async function auditOf(orderId: string) {
  const rows = await db()
    .selectFrom('audit_log')
    .select(['action', 'actor_type', 'actor_id'])
    .where('target_id', '=', orderId)
    .orderBy('at')
    .execute();
  return rows.map((row) => [row.action, row.actor_type, row.actor_id]);
}

/** A paid sandbox order whose instance serves; `stripe` links a Stripe-renewed subscription. */
async function paidOrder(stripe?: string): Promise<Order> {
  const user = await insertUser(db());
  const { order } = await openOrder(db(), {
    userId: user.id,
    plan: 'BASIC',
    provider: 'SANDBOX',
    currency: 'CNY',
  });
  await payBySandbox(db(), adapters, order);
  await db()
    .updateTable('instances')
    .set({ status: 'RUNNING' })
    .where('subscription_id', '=', order.subscription_id!)
    .execute();
  if (stripe) {
    await db()
      .updateTable('subscriptions')
      .set({ stripe_subscription_id: stripe })
      .where('id', '=', order.subscription_id!)
      .execute();
  }
  return orderRow(order.id);
}

/**
 * An admin's refund whose provider answer was lost (as the api's refundOrder does it): PENDING,
 * booked on the order, then moved `ageMs` into the past so the worker finds it due.
 */
async function lostRefund(order: Order, amountMinor?: number, ageMs = minutes(6)) {
  const { refund, order: booked } = await reserveRefund(db(), {
    orderId: order.id,
    amountMinor,
    reason: 'customer asked',
    requestedBy: 'admin-1',
    by: admin,
  });
  answer = async () => {
    throw new TimeoutError('no answer from the provider', { mayHaveBeenApplied: true });
  };
  const asked = await askProviderForRefund(
    { db: db(), logger: harness().deps.logger, payments: adapters },
    { refund, order: booked, firstAsk: true, by: admin },
  );
  answer = sandboxAnswer;
  expect(asked.refund.status).toBe('PENDING');
  await sql`update refunds set created_at = created_at - ${ageMs} * interval '1 millisecond'
    where id = ${refund.id}`.execute(db());
  return refundRow(refund.id);
}

describe('reconcile_refunds', () => {
  it('asks again with the same refund number; SUCCEEDED, and a full refund ends things once', async () => {
    const order = await paidOrder('sub_full');
    const refund = await lostRefund(order);

    await reconcile();

    expect(await refundRow(refund.id)).toMatchObject({
      status: 'SUCCEEDED',
      provider_refund_id: `SBXR-${refund.out_request_no}`,
      reconcile_attempts: 1,
    });
    expect(askedFor(refund)).toEqual([
      expect.objectContaining({ amountMinor: order.amount_minor, outTradeNo: order.out_trade_no }),
      expect.objectContaining({ amountMinor: order.amount_minor, outTradeNo: order.out_trade_no }),
    ]);
    expect(await orderRow(order.id)).toMatchObject({
      status: 'REFUNDED',
      refunded_minor: order.amount_minor,
    });
    expect(await subscriptionStatus(order)).toBe('CANCELED');
    const instance = await db()
      .selectFrom('instances')
      .select(['id', 'status'])
      .where('subscription_id', '=', order.subscription_id!)
      .executeTakeFirstOrThrow();
    expect(instance.status).toBe('SUSPENDED');
    expect(await creditNotes(refund.id)).toBe(1);
    expect(renewalsStopped.filter((id) => id === 'sub_full')).toHaveLength(1);
    const audit = [
      ['admin.refund.request', 'ADMIN', 'admin-1'],
      ['admin.refund.succeed', 'SYSTEM', 'reconcile_refunds'],
    ];
    expect(await auditOf(order.id)).toEqual(audit);

    // Later runs leave a finished refund alone: nothing asked, nothing repeated.
    sim().clock.advance(minutes(15));
    await reconcile();
    expect(askedFor(refund)).toHaveLength(2);
    expect(await creditNotes(refund.id)).toBe(1);
    expect(renewalsStopped.filter((id) => id === 'sub_full')).toHaveLength(1);
    expect(await jobKeysOf(db(), 'suspend_instance')).toContain(
      jobKeys.instance('suspend', instance.id),
    );
    expect(await auditOf(order.id)).toEqual(audit);
  });

  it('Stripe unreachable after the refund: stop_provider_renewal keeps asking until told', async () => {
    const order = await paidOrder('sub_retry');
    await lostRefund(order);
    stripeDown = true;

    await reconcile();

    expect(await orderRow(order.id)).toMatchObject({ status: 'REFUNDED' });
    expect(renewalsStopped).not.toContain('sub_retry');
    expect(await jobKeysOf(db(), 'stop_provider_renewal')).toEqual([
      jobKeys.stopRenewal('sub_retry'),
    ]);
    const payload = { stripeSubscriptionId: 'sub_retry' };
    expect((await harness().runJob('stop_provider_renewal', payload)).status).toBe('failed');
    stripeDown = false;
    expect((await harness().runJob('stop_provider_renewal', payload)).status).toBe('succeeded');
    // (the job the refund queued may also have run by now: telling Stripe twice is harmless)
    expect(renewalsStopped).toContain('sub_retry');
  });

  it('records a provider refusal as FAILED and frees the amount', async () => {
    const order = await paidOrder();
    const refund = await lostRefund(order, 1000);
    answer = async () => {
      throw new ResourceError('ACQ.TRADE_NOT_EXIST: no such trade', { reason: 'INVALID' });
    };

    await reconcile();

    const failed = await refundRow(refund.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error_message).toContain('ACQ.TRADE_NOT_EXIST');
    expect(askedFor(refund).map((request) => request.refundNo)).toEqual([
      refund.out_request_no,
      refund.out_request_no,
    ]);
    expect(await orderRow(order.id)).toMatchObject({ status: 'PAID', refunded_minor: 0 });
    expect(await subscriptionStatus(order)).toBe('ACTIVE');
    expect(await creditNotes(refund.id)).toBe(0);
    expect((await auditOf(order.id)).at(-1)).toEqual([
      'admin.refund.fail',
      'SYSTEM',
      'reconcile_refunds',
    ]);
  });

  it('keeps it PENDING while the provider is unreachable, and asks again after its backoff', async () => {
    const order = await paidOrder();
    const refund = await lostRefund(order, 1000);
    // Refused before reaching the provider: on a first ask that is FAILED, but this refund's
    // first ask may have been applied, so only the provider's own answer may settle it.
    answer = async () => {
      throw new NetworkError('connect ECONNREFUSED');
    };

    await reconcile();

    const waiting = await refundRow(refund.id);
    expect(waiting).toMatchObject({ status: 'PENDING', reconcile_attempts: 1 });
    expect(waiting.reconcile_next_at!.getTime()).toBeGreaterThan(sim().clock.now());
    expect(await orderRow(order.id)).toMatchObject({ status: 'PAID', refunded_minor: 1000 });

    answer = sandboxAnswer;
    await reconcile(); // inside the backoff: not asked
    expect(askedFor(refund)).toHaveLength(2);

    sim().clock.advance(minutes(1));
    await reconcile();
    expect(await refundRow(refund.id)).toMatchObject({
      status: 'SUCCEEDED',
      reconcile_attempts: 2,
    });
    expect(await orderRow(order.id)).toMatchObject({
      status: 'PARTIALLY_REFUNDED',
      refunded_minor: 1000,
    });
  });

  it('backs off per refund: 1, 2, 4, 8, then every 10 minutes', async () => {
    const refund = await lostRefund(await paidOrder(), 500);
    answer = async () => {
      throw new TimeoutError('no answer', { mayHaveBeenApplied: true });
    };
    const delays: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = sim().clock.now();
      await reconcile();
      const row = await refundRow(refund.id);
      delays.push(Math.round((row.reconcile_next_at!.getTime() - before) / 60_000));
      sim().clock.advance(row.reconcile_next_at!.getTime() - before);
    }
    expect(delays).toEqual([1, 2, 4, 8, 10]);
    expect(askedFor(refund)).toHaveLength(6);
    expect((await refundRow(refund.id)).status).toBe('PENDING');
    answer = sandboxAnswer;
    await reconcile(); // leaves nothing pending for the next tests
  });

  it('two concurrent runs never ask twice for the same refund', async () => {
    const refunds = [];
    for (let i = 0; i < 3; i++) refunds.push(await lostRefund(await paidOrder(), 700));
    answer = async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return sandbox.refund(request);
    };

    const runs = await Promise.all([
      reconcileRefunds(harness().deps),
      reconcileRefunds(harness().deps),
    ]);

    for (const refund of refunds) {
      expect(askedFor(refund)).toHaveLength(2); // the lost first ask, and one from the worker
      expect((await refundRow(refund.id)).status).toBe('SUCCEEDED');
    }
    expect(runs[0].succeeded + runs[1].succeeded).toBe(3);
  });

  it('completes a refund once when an admin asks again while the worker does', async () => {
    const order = await paidOrder('sub_race');
    const refund = await lostRefund(order);
    answer = async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return sandbox.refund(request);
    };

    const [, byAdmin] = await Promise.all([
      reconcileRefunds(harness().deps),
      askProviderForRefund(
        { db: db(), logger: harness().deps.logger, payments: adapters },
        { refund, order: await orderRow(order.id), firstAsk: false, by: admin },
      ),
    ]);

    expect(byAdmin.refund.status).toBe('SUCCEEDED');
    expect(askedFor(refund)).toHaveLength(3); // both asked: the provider refunds the number once
    expect(await creditNotes(refund.id)).toBe(1);
    expect(renewalsStopped.filter((id) => id === 'sub_race')).toHaveLength(1);
    const succeeded = (await auditOf(order.id)).filter(
      ([action]) => action === 'admin.refund.succeed',
    );
    expect(succeeded).toHaveLength(1);
  });

  it('flags a refund PENDING for days for an admin once, and keeps asking', async () => {
    const order = await paidOrder();
    const refund = await lostRefund(order, 300, days(3) + minutes(1));
    answer = async () => ({ status: 'PENDING', providerRefundId: 'R-processing' });

    await reconcile();
    sim().clock.advance(minutes(11));
    await reconcile();

    expect(await refundRow(refund.id)).toMatchObject({
      status: 'PENDING',
      provider_refund_id: 'R-processing',
      reconcile_attempts: 2,
    });
    expect((await refundRow(refund.id)).overdue_flagged_at).not.toBeNull();
    const overdue = (await auditOf(order.id)).filter(([action]) => action === 'refund.overdue');
    expect(overdue).toEqual([['refund.overdue', 'SYSTEM', 'reconcile_refunds']]);
  });
});
