import { jobKeys, NetworkError, ResourceError, TimeoutError } from '@roundhouse/core';
import type { PaymentProviderAdapter, RefundRequest } from '@roundhouse/payments';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientError, startTestApi, type SignedUp, type TestApi } from './harness';
import { billingState, jobsWithKey, paidCustomer, signUpAdmin } from './invoices-fixtures';
import { latestEvent, paidNotification, paymentState, postAlipay } from './payments-fixtures';

/**
 * admin.billing.refund end to end (issue 6): a paid sandbox order is refunded through the
 * sandbox adapter; the books, the subscription, the instance, the credit note and the audit log
 * follow. Provider failures are played by replacing the adapter's refund call only.
 */
let api: TestApi;
let admin: SignedUp;
let sandbox: PaymentProviderAdapter;

beforeAll(async () => {
  api = await startTestApi();
  admin = await signUpAdmin(api);
  sandbox = api.server.services.payments.byProvider.ALIPAY!;
});
afterAll(() => api?.close());
afterEach(() => {
  api.server.services.payments.byProvider.ALIPAY = sandbox;
});

const refund = (input: { orderId: string; amountMinor?: number; reason?: string }) =>
  api
    .cookieClient(admin.cookie)
    .admin.billing.refund.mutate({ reason: 'customer asked', ...input });

/** The sandbox adapter with its refund call replaced (records what it was asked). */
function providerRefunds(answer: (request: RefundRequest) => ReturnType<typeof sandbox.refund>) {
  const asked: RefundRequest[] = [];
  const adapter = Object.create(sandbox) as PaymentProviderAdapter;
  adapter.refund = (request) => {
    asked.push(request);
    return answer(request);
  };
  api.server.services.payments.byProvider.ALIPAY = adapter;
  return asked;
}

/** The clone saga's end, as the worker would leave it: the instance serves. */
async function runningInstance(subscriptionId: string) {
  await api.db
    .updateTable('instances')
    .set({ status: 'RUNNING' })
    .where('subscription_id', '=', subscriptionId)
    .execute();
}

async function orderRow(orderId: string) {
  return api.db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
}

async function instanceOf(subscriptionId: string) {
  return api.db
    .selectFrom('instances')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .executeTakeFirstOrThrow();
}

async function creditNotes(orderId: string) {
  return api.db
    .selectFrom('invoices as i')
    .innerJoin('refunds as r', 'r.id', 'i.refund_id')
    .select(['i.number', 'i.amount_minor', 'i.kind', 'r.id as refund_id'])
    .where('r.order_id', '=', orderId)
    .execute();
}

describe('a full refund', () => {
  it('refunds at the provider, cancels the subscription, suspends the instance, issues a credit note', async () => {
    const { customer, order } = await paidCustomer(api);
    await runningInstance(order.subscription_id!);
    const asked = providerRefunds((request) => sandbox.refund(request));

    const result = await refund({ orderId: order.id });

    expect(result.refund).toMatchObject({
      status: 'SUCCEEDED',
      amountMinor: order.amount_minor,
      providerRefundId: `SBXR-${result.refund.refundNo}`,
    });
    expect(result.order).toEqual({ status: 'REFUNDED', refundedMinor: order.amount_minor });
    expect(asked).toEqual([
      expect.objectContaining({
        refundNo: result.refund.refundNo,
        outTradeNo: order.out_trade_no,
        providerTxnId: order.provider_txn_id,
        amountMinor: order.amount_minor,
        totalMinor: order.amount_minor,
        currency: 'CNY',
      }),
    ]);
    const subscription = await api.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('id', '=', order.subscription_id!)
      .executeTakeFirstOrThrow();
    expect(subscription.status).toBe('CANCELED');
    const instance = await instanceOf(order.subscription_id!);
    expect(instance.status).toBe('SUSPENDED');
    expect(
      await jobsWithKey(api, 'suspend_instance', jobKeys.instance('suspend', instance.id)),
    ).toBe(1);
    expect(await creditNotes(order.id)).toEqual([
      expect.objectContaining({ kind: 'CREDIT_NOTE', amount_minor: order.amount_minor }),
    ]);
    const audit = await api.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', order.id)
      .orderBy('at')
      .execute();
    expect(audit.map((row) => [row.action, row.actor_type, row.actor_id])).toEqual([
      ['admin.refund.request', 'ADMIN', admin.userId],
      ['admin.refund.succeed', 'ADMIN', admin.userId],
    ]);
    const suspension = await api.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', instance.id)
      .executeTakeFirstOrThrow();
    expect(suspension).toMatchObject({ action: 'admin.instance.suspend', actor_id: admin.userId });
    // The customer sees the credit note next to the invoice.
    const invoices = await api.cookieClient(customer.cookie).invoices.list.query();
    expect(invoices.items.map((invoice) => invoice.kind).sort()).toEqual([
      'CREDIT_NOTE',
      'INVOICE',
    ]);
  });

  it('leaves nothing to refund: a second refund is BAD_REQUEST and changes nothing', async () => {
    const { order } = await paidCustomer(api);
    await refund({ orderId: order.id });
    const before = await billingState(api);

    const error = await clientError(refund({ orderId: order.id }));

    expect(error?.code).toBe('BAD_REQUEST');
    expect(await billingState(api)).toEqual(before);
  });

  it('a notification arriving for the refunded order is acknowledged and changes nothing', async () => {
    const { order } = await paidCustomer(api);
    await refund({ orderId: order.id });
    const before = await paymentState(api.db);

    expect(await postAlipay(api, paidNotification(api, order))).toEqual({
      status: 200,
      body: 'success',
    });
    expect(await paymentState(api.db)).toEqual(before);
    expect(await latestEvent(api.db)).toMatchObject({ outcome: 'IGNORED', order_id: order.id });
  });
});

describe('partial refunds', () => {
  it('keep the subscription until the whole amount is back', async () => {
    const { order } = await paidCustomer(api);
    await runningInstance(order.subscription_id!);
    const first = await refund({ orderId: order.id, amountMinor: 1000 });
    expect(first.order).toEqual({ status: 'PARTIALLY_REFUNDED', refundedMinor: 1000 });
    const instance = await instanceOf(order.subscription_id!);
    expect(instance.status).toBe('RUNNING');
    const subscription = await api.db
      .selectFrom('subscriptions')
      .select('status')
      .where('id', '=', order.subscription_id!)
      .executeTakeFirstOrThrow();
    expect(subscription.status).toBe('ACTIVE');
    expect(
      await jobsWithKey(api, 'suspend_instance', jobKeys.instance('suspend', instance.id)),
    ).toBe(0);

    const rest = await refund({ orderId: order.id });

    expect(rest.refund.amountMinor).toBe(order.amount_minor - 1000);
    expect(rest.refund.refundNo).not.toBe(first.refund.refundNo);
    expect(rest.order).toEqual({ status: 'REFUNDED', refundedMinor: order.amount_minor });
    expect((await instanceOf(order.subscription_id!)).status).toBe('SUSPENDED');
    expect((await creditNotes(order.id)).map((note) => note.amount_minor).sort()).toEqual(
      [1000, order.amount_minor - 1000].sort(),
    );
  });

  it('refuse more than is left (BAD_REQUEST) and change nothing', async () => {
    const { order } = await paidCustomer(api);
    await refund({ orderId: order.id, amountMinor: 1000 });
    const before = await billingState(api);
    const asked = providerRefunds((request) => sandbox.refund(request));

    const error = await clientError(
      refund({ orderId: order.id, amountMinor: order.amount_minor - 999 }),
    );

    expect(error?.code).toBe('BAD_REQUEST');
    expect(error?.message).toContain(`${order.amount_minor - 1000} of ${order.amount_minor}`);
    expect(asked).toEqual([]);
    expect(await billingState(api)).toEqual(before);
  });

  it('validates the input: no zero, negative or fractional amounts, a reason is required', async () => {
    const { order } = await paidCustomer(api);
    const before = await billingState(api);
    for (const amountMinor of [0, -5, 10.5]) {
      expect((await clientError(refund({ orderId: order.id, amountMinor })))?.code).toBe(
        'BAD_REQUEST',
      );
    }
    expect((await clientError(refund({ orderId: order.id, reason: '  ' })))?.code).toBe(
      'BAD_REQUEST',
    );
    expect(await billingState(api)).toEqual(before);
  });
});

describe('concurrency and provider failures', () => {
  it('two concurrent full refunds refund once', async () => {
    const { order } = await paidCustomer(api);
    const asked = providerRefunds(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return sandbox.refund(request);
    });

    const results = await Promise.allSettled([
      refund({ orderId: order.id }),
      api.cookieClient(admin.cookie).admin.billing.refund.mutate({
        orderId: order.id,
        reason: 'the other admin',
      }),
    ]);

    const refunds = await api.db
      .selectFrom('refunds')
      .selectAll()
      .where('order_id', '=', order.id)
      .execute();
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ status: 'SUCCEEDED', amount_minor: order.amount_minor });
    // Whoever asked the provider used the one refund number (the provider dedupes on it).
    expect(new Set(asked.map((request) => request.refundNo))).toEqual(
      new Set([refunds[0]!.out_request_no]),
    );
    for (const result of results) {
      if (result.status === 'fulfilled') expect(result.value.refund.id).toBe(refunds[0]!.id);
      else expect((await clientError(Promise.reject(result.reason)))?.code).toBe('BAD_REQUEST');
    }
    expect(await orderRow(order.id)).toMatchObject({
      status: 'REFUNDED',
      refunded_minor: order.amount_minor,
    });
    expect(await creditNotes(order.id)).toHaveLength(1);
  });

  it('a provider refusal makes the refund FAILED, frees the amount, and can be retried', async () => {
    const { order } = await paidCustomer(api);
    providerRefunds(async () => {
      throw new ResourceError('ACQ.TRADE_HAS_FINISHED: the trade is finished', {
        reason: 'INVALID',
      });
    });

    const failed = await refund({ orderId: order.id });

    expect(failed.refund).toMatchObject({ status: 'FAILED' });
    expect(failed.refund.errorMessage).toContain('ACQ.TRADE_HAS_FINISHED');
    expect(await orderRow(order.id)).toMatchObject({ status: 'PAID', refunded_minor: 0 });
    expect(await creditNotes(order.id)).toEqual([]);
    expect((await instanceOf(order.subscription_id!)).status).not.toBe('SUSPENDED');

    api.server.services.payments.byProvider.ALIPAY = sandbox;
    const retried = await refund({ orderId: order.id });

    expect(retried.refund.status).toBe('SUCCEEDED');
    expect(retried.refund.refundNo).not.toBe(failed.refund.refundNo);
    expect(retried.order).toEqual({ status: 'REFUNDED', refundedMinor: order.amount_minor });
    expect(await creditNotes(order.id)).toHaveLength(1);
  });

  it('a refused connection (nothing applied) is FAILED too', async () => {
    const { order } = await paidCustomer(api);
    providerRefunds(async () => {
      throw new NetworkError('connect ECONNREFUSED');
    });
    expect((await refund({ orderId: order.id })).refund.status).toBe('FAILED');
    expect(await orderRow(order.id)).toMatchObject({ status: 'PAID', refunded_minor: 0 });
  });

  it('an unknown outcome stays PENDING and the retry reuses the refund number', async () => {
    const { order } = await paidCustomer(api);
    const lost = providerRefunds(async () => {
      throw new TimeoutError('no answer from the provider', { mayHaveBeenApplied: true });
    });

    const pending = await refund({ orderId: order.id });

    expect(pending.refund.status).toBe('PENDING');
    // The amount stays booked: nobody can refund it again meanwhile.
    expect(await orderRow(order.id)).toMatchObject({
      status: 'PAID',
      refunded_minor: order.amount_minor,
    });
    expect((await clientError(refund({ orderId: order.id, amountMinor: 100 })))?.code).toBe(
      'CONFLICT',
    );

    const retry = providerRefunds((request) => sandbox.refund(request));
    const done = await refund({ orderId: order.id });

    expect(done.refund).toMatchObject({ id: pending.refund.id, status: 'SUCCEEDED' });
    expect([...lost, ...retry].map((request) => request.refundNo)).toEqual([
      pending.refund.refundNo,
      pending.refund.refundNo,
    ]);
    expect(done.order).toEqual({ status: 'REFUNDED', refundedMinor: order.amount_minor });
    expect(await creditNotes(order.id)).toHaveLength(1);
  });

  it('refuses orders that are not paid', async () => {
    const customer = await api.signUp();
    const { order } = await api
      .cookieClient(customer.cookie)
      .orders.create.mutate({ plan: 'BASIC', provider: 'ALIPAY', currency: 'CNY' });
    const before = await billingState(api);
    expect((await clientError(refund({ orderId: order.id })))?.code).toBe('BAD_REQUEST');
    expect(await billingState(api)).toEqual(before);
  });
});
