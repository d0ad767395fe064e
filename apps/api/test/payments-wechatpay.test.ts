import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness';
import {
  expectPaidOnce,
  expectRecordedOnly,
  expectPaidStatus,
  openOrderRow,
  paymentEventCount,
  paymentState,
} from './payments-fixtures';
import {
  postWechatpay,
  resigned,
  wechatNotification,
  withResource,
} from './payments-wechatpay-fixtures';
import type { WechatpayDelivery } from '@roundhouse/payments';

/**
 * POST /webhooks/wechatpay, adversarially (issue 6), in sandbox mode: the sandbox's WeChat
 * Pay keys stand in for WeChat Pay's, and the production verifier checks them. Every refused
 * notification changes nothing (orders, subscriptions, instances, jobs), gets WeChat Pay's
 * FAIL answer, and is recorded.
 */
let api: TestApi;
const stranger = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

type OrderRow = Awaited<ReturnType<typeof openOrder>>;

const openOrder = () => openOrderRow(api, 'WECHATPAY');
const eventCount = () => paymentEventCount(api.db);

async function orderStatus(id: string) {
  const row = await api.db
    .selectFrom('orders')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.status;
}

const ACK = { status: 204, body: '' };

describe('refused notifications change nothing and are recorded', () => {
  const cases: {
    name: string;
    build: (order: OrderRow) => WechatpayDelivery;
    contentType?: string;
    verified: boolean;
    /** What the recorded event says went wrong: the check that refused it. */
    error: string;
  }[] = [
    {
      name: 'a forged signature',
      error: 'BAD_SIGNATURE',
      build: (order) => {
        const delivery = wechatNotification(api, order);
        const forged = Buffer.alloc(256, 7).toString('base64');
        return { ...delivery, headers: { ...delivery.headers, 'wechatpay-signature': forged } };
      },
      verified: false,
    },
    {
      name: 'a signature by the wrong key',
      error: 'BAD_SIGNATURE',
      build: (order) =>
        wechatNotification(api, order, { sign: { privateKey: stranger.privateKey } }),
      verified: false,
    },
    {
      name: 'an unknown serial',
      error: 'UNKNOWN_KEY',
      build: (order) =>
        wechatNotification(api, order, {
          sign: { privateKey: stranger.privateKey, serial: 'PUB_KEY_ID_UNKNOWN0000' },
        }),
      verified: false,
    },
    {
      name: 'a body tampered with after signing',
      error: 'BAD_SIGNATURE',
      build: (order) => {
        const delivery = wechatNotification(api, order);
        return { ...delivery, body: delivery.body.replace('"TRANSACTION.SUCCESS"', '"X"') };
      },
      verified: false,
    },
    {
      name: 'a correctly signed amount that is not the order amount',
      error: 'does not match',
      build: (order) =>
        wechatNotification(api, order, {
          transaction: { amount: { total: 1, payer_total: 1, currency: 'CNY' } },
        }),
      verified: true,
    },
    {
      name: 'the wrong appid',
      error: 'MERCHANT_MISMATCH',
      build: (order) => wechatNotification(api, order, { transaction: { appid: 'wx0000other' } }),
      verified: true,
    },
    {
      name: 'the wrong mchid',
      error: 'MERCHANT_MISMATCH',
      build: (order) => wechatNotification(api, order, { transaction: { mchid: '1900000109' } }),
      verified: true,
    },
    {
      name: 'an unknown order',
      error: 'Unknown out_trade_no',
      build: (order) => wechatNotification(api, { ...order, out_trade_no: 'RHunknown0001' }),
      verified: true,
    },
    {
      name: 'a stale timestamp (300 s old)',
      error: 'STALE',
      build: (order) =>
        wechatNotification(api, order, { sign: { now: new Date(Date.now() - 300_000) } }),
      verified: false,
    },
    {
      name: 'a tampered GCM tag (re-signed)',
      error: 'UNDECRYPTABLE',
      build: (order) =>
        resigned(
          api,
          withResource(wechatNotification(api, order), (resource) => {
            const data = Buffer.from(resource.ciphertext!, 'base64');
            data[data.length - 1]! ^= 0x80;
            resource.ciphertext = data.toString('base64');
          }),
        ),
      verified: true,
    },
    {
      name: 'tampered associated_data (re-signed)',
      error: 'UNDECRYPTABLE',
      build: (order) =>
        resigned(
          api,
          withResource(wechatNotification(api, order), (resource) => {
            resource.associated_data = 'refund';
          }),
        ),
      verified: true,
    },
    {
      name: 'a malformed body (signed)',
      error: 'MALFORMED',
      build: () => resigned(api, '{"id": "EV-1", "resource": '),
      verified: true,
    },
    {
      name: 'an empty body without headers',
      error: 'MALFORMED',
      build: () => ({ headers: {}, body: '' }),
      verified: false,
    },
    {
      name: 'the wrong content type',
      error: 'WRONG_CONTENT_TYPE',
      build: (order) => wechatNotification(api, order),
      contentType: 'application/x-www-form-urlencoded',
      verified: false,
    },
  ];

  it.each(cases)('$name → 400 FAIL, REJECTED event, nothing changed', async (testCase) => {
    const order = await openOrder();
    const delivery = testCase.build(order);
    const answer = await expectRecordedOnly(
      api.db,
      () => postWechatpay(api, delivery, testCase.contentType),
      {
        provider: 'SANDBOX',
        verified: testCase.verified,
        outcome: 'REJECTED',
        error: expect.stringContaining(testCase.error),
      },
    );
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body)).toEqual({ code: 'FAIL', message: expect.any(String) });
  });

  it('a replayed notification (same id) is a duplicate: acknowledged, nothing changes', async () => {
    const order = await openOrder();
    const delivery = wechatNotification(api, order, { id: `EV-replay-${order.id}` });
    expect(await postWechatpay(api, delivery)).toMatchObject(ACK);
    expect(await orderStatus(order.id)).toBe('PAID');
    const before = await paymentState(api.db);
    const events = await eventCount();

    // The same notification, redelivered later (re-signed now, as WeChat Pay's retries are).
    expect(await postWechatpay(api, resigned(api, delivery.body))).toMatchObject(ACK);
    expect(await postWechatpay(api, delivery)).toMatchObject(ACK);

    expect(await paymentState(api.db)).toEqual(before);
    expect(await eventCount()).toBe(events);
  });

  it('acknowledges a payment for a refunded order but ignores it', async () => {
    const order = await openOrder();
    await api.db
      .updateTable('orders')
      .set({ status: 'REFUNDED', provider_txn_id: '4200000000refunded', paid_at: new Date() })
      .where('id', '=', order.id)
      .execute();
    const answer = await expectRecordedOnly(
      api.db,
      () => postWechatpay(api, wechatNotification(api, order)),
      { verified: true, outcome: 'IGNORED', order_id: order.id },
    );
    expect(answer).toMatchObject(ACK);
  });

  it('acknowledges a trade state other than SUCCESS and changes nothing', async () => {
    const order = await openOrder();
    const delivery = wechatNotification(api, order, { transaction: { trade_state: 'NOTPAY' } });
    const answer = await expectRecordedOnly(api.db, () => postWechatpay(api, delivery), {
      outcome: 'IGNORED',
      order_id: order.id,
    });
    expect(answer).toMatchObject(ACK);
  });
});

describe('a valid notification', () => {
  it('50 concurrent deliveries → one PAID order, one period, one clone job', async () => {
    const order = await openOrder();
    const transactionId = `4200${Date.now()}`;
    const delivery = wechatNotification(api, order, { transactionId });

    const answers = await Promise.all(
      Array.from({ length: 50 }, () => postWechatpay(api, delivery)),
    );

    expect(answers.every((a) => a.status === 204 && a.body === '')).toBe(true);
    const events = await expectPaidOnce(api.db, order, transactionId);
    expect(events).toEqual([
      { outcome: 'APPLIED', event_key: expect.stringMatching(/^wechatpay:/) },
    ]);
  });
});

describe('the sandbox in WeChat format, end to end over HTTP', () => {
  it('switching between Alipay and WeChat Pay keeps the open order but gives each its checkout', async () => {
    const { cookie } = await api.signUp();
    const client = api.cookieClient(cookie);
    const input = { plan: 'BASIC', currency: 'CNY' } as const;
    const alipay = await client.orders.create.mutate({ ...input, provider: 'ALIPAY' });
    const wechat = await client.orders.create.mutate({ ...input, provider: 'WECHATPAY' });
    expect(wechat.order.id).toBe(alipay.order.id);
    expect(wechat.order.checkout).toEqual({
      kind: 'qr',
      codeUrl: expect.stringMatching(/\/sandbox\/cashier\/[^?]+\?format=wechatpay$/),
    });
    const back = await client.orders.create.mutate({ ...input, provider: 'ALIPAY' });
    expect(back.order.checkout).toEqual(alipay.order.checkout);
  });

  it('orders.create(WECHATPAY) → QR → cashier → WeChat notification → PAID + clone job', async () => {
    const { cookie } = await api.signUp();
    const client = api.cookieClient(cookie);
    const { order } = await client.orders.create.mutate({
      plan: 'PRO',
      provider: 'WECHATPAY',
      currency: 'CNY',
    });
    expect(order.provider).toBe('SANDBOX');
    if (order.checkout?.kind !== 'qr') throw new Error('expected a QR checkout');
    const scanned = new URL(order.checkout.codeUrl);
    expect(scanned.pathname).toBe(`/sandbox/cashier/${order.id}`);
    expect(scanned.search).toBe('?format=wechatpay');

    const page = await api.fetch(`${scanned.pathname}${scanned.search}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('WeChat Pay');
    const action = /action="([^"]+)"/.exec(html)?.[1];
    expect(action).toBe(`${scanned.pathname}/pay?format=wechatpay`);

    const paid = await api.fetch(action!, { method: 'POST' });
    expect(paid.status).toBe(200);
    expect(await paid.text()).toContain('answered 204');

    await expectPaidStatus(api, client, order.id);
    const event = await api.db
      .selectFrom('payment_events')
      .selectAll()
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ provider: 'SANDBOX', verified: true, outcome: 'APPLIED' });
    expect(event.event_key).toMatch(/^wechatpay:/);
    // The notification really was WeChat-format: the encrypted resource, not an Alipay form.
    expect(JSON.parse(event.raw_body ?? '{}')).toMatchObject({
      resource: { algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction' },
    });
  });
});
