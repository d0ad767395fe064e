import { generateSandboxKeys } from '@roundhouse/payments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness';
import {
  expectPaidOnce,
  expectRecordedOnly,
  FORM,
  openOrderRow,
  paidNotification,
  postAlipay,
} from './payments-fixtures';

/**
 * POST /webhooks/alipay, adversarially (issue 6): every refused notification changes nothing
 * (orders, subscriptions, instances, jobs), gets Alipay's non-success answer, and is recorded.
 */
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const openOrder = () => openOrderRow(api, 'ALIPAY');

describe('refused notifications change nothing and are recorded', () => {
  const wrongKey = generateSandboxKeys().alipayPrivateKey;
  const cases: {
    name: string;
    build: (order: { out_trade_no: string; amount_minor: number }) => {
      body: string;
      contentType?: string;
    };
    verified: boolean;
  }[] = [
    {
      name: 'a forged signature',
      build: (order) => {
        const params = new URLSearchParams(paidNotification(api, order));
        params.set('sign', Buffer.alloc(256, 7).toString('base64'));
        return { body: params.toString() };
      },
      verified: false,
    },
    {
      name: 'a signature from the wrong key',
      build: (order) => ({ body: paidNotification(api, order, {}, wrongKey) }),
      verified: false,
    },
    {
      name: 'an amount tampered with after signing',
      build: (order) => {
        const params = new URLSearchParams(paidNotification(api, order));
        params.set('total_amount', '0.01');
        return { body: params.toString() };
      },
      verified: false,
    },
    {
      name: 'a correctly signed amount that is not the order amount',
      build: (order) => ({ body: paidNotification(api, order, { total_amount: '0.01' }) }),
      verified: true,
    },
    {
      name: 'the wrong app_id',
      build: (order) => ({ body: paidNotification(api, order, { app_id: 'another-app' }) }),
      verified: true,
    },
    {
      name: 'the wrong seller_id',
      build: (order) => ({ body: paidNotification(api, order, { seller_id: '2088999999999999' }) }),
      verified: true,
    },
    {
      name: 'an unknown order',
      build: (order) => ({ body: paidNotification(api, order, { out_trade_no: 'RHunknown0001' }) }),
      verified: true,
    },
    {
      name: 'a malformed body',
      build: () => ({ body: 'this is &&& not = a form%' }),
      verified: false,
    },
    { name: 'an empty body', build: () => ({ body: '' }), verified: false },
    {
      name: 'the wrong content type',
      build: (order) => ({
        body: JSON.stringify(Object.fromEntries(new URLSearchParams(paidNotification(api, order)))),
        contentType: 'application/json',
      }),
      verified: false,
    },
  ];

  it.each(cases)('$name → 400 fail, REJECTED event, nothing changed', async (testCase) => {
    const order = await openOrder();
    const { body, contentType } = testCase.build(order);
    const answer = await expectRecordedOnly(
      api.db,
      () => postAlipay(api, body, contentType ?? FORM),
      { provider: 'SANDBOX', verified: testCase.verified, outcome: 'REJECTED' },
    );
    expect(answer).toEqual({ status: 400, body: 'fail' });
  });

  it('refuses an oversized body with 413 before reading it as a notification', async () => {
    const answer = await expectRecordedOnly(
      api.db,
      () => postAlipay(api, `a=${'x'.repeat(70 * 1024)}`),
      { verified: false, outcome: 'REJECTED' },
    );
    expect(answer).toEqual({ status: 413, body: 'fail' });
  });

  it('acknowledges a payment for a refunded order but ignores it', async () => {
    const order = await openOrder();
    await api.db
      .updateTable('orders')
      .set({ status: 'REFUNDED', provider_txn_id: 'T-refunded', paid_at: new Date() })
      .where('id', '=', order.id)
      .execute();
    const answer = await expectRecordedOnly(
      api.db,
      () => postAlipay(api, paidNotification(api, order)),
      { verified: true, outcome: 'IGNORED', order_id: order.id },
    );
    expect(answer).toEqual({ status: 200, body: 'success' });
  });

  it('acknowledges a trade that is not paid yet and changes nothing', async () => {
    const order = await openOrder();
    const notPaid = paidNotification(api, order, { trade_status: 'WAIT_BUYER_PAY' });
    const answer = await expectRecordedOnly(api.db, () => postAlipay(api, notPaid), {
      outcome: 'IGNORED',
      order_id: order.id,
    });
    expect(answer).toEqual({ status: 200, body: 'success' });
  });

  it('a forged notification cannot take the key of the real one', async () => {
    const order = await openOrder();
    const notifyId = `forged-then-real-${order.id}`;
    await postAlipay(api, paidNotification(api, order, { notify_id: notifyId }, wrongKey));
    const real = await postAlipay(api, paidNotification(api, order, { notify_id: notifyId }));
    expect(real).toEqual({ status: 200, body: 'success' });
    const paid = await api.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(paid.status).toBe('PAID');
  });
});

describe('a valid notification', () => {
  it('50 concurrent deliveries → one PAID order, one period, one clone job', async () => {
    const order = await openOrder();
    const body = paidNotification(api, order, { trade_no: `T-${order.id}` });

    const answers = await Promise.all(Array.from({ length: 50 }, () => postAlipay(api, body)));

    expect(answers.every((a) => a.status === 200 && a.body === 'success')).toBe(true);
    const events = await expectPaidOnce(api.db, order, `T-${order.id}`);
    expect(events).toEqual([{ outcome: 'APPLIED', event_key: expect.any(String) }]);

    // Alipay's later TRADE_FINISHED for the same trade: acknowledged, recorded, nothing changes.
    const finished = paidNotification(api, order, {
      trade_no: `T-${order.id}`,
      trade_status: 'TRADE_FINISHED',
    });
    const answer = await expectRecordedOnly(api.db, () => postAlipay(api, finished), {
      outcome: 'DUPLICATE',
      order_id: order.id,
    });
    expect(answer).toEqual({ status: 200, body: 'success' });
  });

  it('pays an order closed after expiry: the money was taken', async () => {
    const order = await openOrder();
    await api.db
      .updateTable('orders')
      .set({ status: 'CLOSED', closed_at: new Date() })
      .where('id', '=', order.id)
      .execute();
    expect(await postAlipay(api, paidNotification(api, order))).toEqual({
      status: 200,
      body: 'success',
    });
    const paid = await api.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(paid.status).toBe('PAID');
  });
});
