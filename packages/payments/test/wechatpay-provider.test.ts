import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateSandboxWechatpayKeys,
  type PaymentProviderAdapter,
  wechatpayAdapter,
  type WechatpayConfig,
} from '../src';
import { startLoopbackWechatpay, type LoopbackWechatpay } from './wechatpay-loopback';

/**
 * The live WeChat Pay calls (Native order, order query, refund) against a loopback server that
 * checks our request signatures with the merchant public key and signs its answers with the
 * platform key. This is the only place those calls run: nothing here reaches WeChat Pay.
 */
const keys = generateSandboxWechatpayKeys();
/** A key pair that belongs to nobody here. */
const stranger = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
let server: LoopbackWechatpay;
let adapter: PaymentProviderAdapter;

function configFor(apiBase: string, change: Partial<WechatpayConfig> = {}): WechatpayConfig {
  return {
    appId: keys.appId,
    mchId: keys.mchId,
    merchantSerial: keys.merchantSerial,
    merchantPrivateKey: keys.merchantPrivateKey,
    apiV3Key: keys.apiV3Key,
    platformKeys: [{ serial: keys.platformSerial, pem: keys.platformPublicKey }],
    apiBase,
    notifyUrl: 'https://roundhouse.example/webhooks/wechatpay',
    ...change,
  };
}

beforeAll(async () => {
  server = await startLoopbackWechatpay(keys);
  adapter = wechatpayAdapter(configFor(server.url));
});
afterAll(() => server?.close());

const order = {
  id: '00000000-0000-4000-8000-000000000001',
  outTradeNo: 'RH20261123abcdef01',
  amountMinor: 9_900,
  currency: 'CNY' as const,
  subject: 'Roundhouse Basic (30 days)',
  expiresAt: new Date('2026-11-23T08:00:00Z'),
};

describe('Native checkout (POST /v3/pay/transactions/native)', () => {
  it('sends the documented body, signed, and returns the code_url as a QR checkout', async () => {
    const checkout = await adapter.createCheckout(order);
    expect(checkout).toEqual({
      kind: 'qr',
      codeUrl: `weixin://wxpay/bizpayurl?pr=${order.outTradeNo}`,
    });
    expect(server.requests.at(-1)).toEqual({
      method: 'POST',
      path: '/v3/pay/transactions/native',
      body: {
        appid: keys.appId,
        mchid: keys.mchId,
        description: order.subject,
        out_trade_no: order.outTradeNo,
        time_expire: '2026-11-23T16:00:00+08:00',
        notify_url: 'https://roundhouse.example/webhooks/wechatpay',
        amount: { total: 9_900, currency: 'CNY' },
      },
    });
  });

  it('refuses to charge in USD without calling WeChat Pay', async () => {
    const before = server.requests.length;
    await expect(adapter.createCheckout({ ...order, currency: 'USD' })).rejects.toMatchObject({
      errorClass: 'RESOURCE',
    });
    expect(server.requests).toHaveLength(before);
  });

  it('does not believe an unsigned answer', async () => {
    server.nextAnswer = { status: 200, body: '{"code_url":"weixin://evil"}', signed: false };
    await expect(adapter.createCheckout(order)).rejects.toMatchObject({
      errorClass: 'AUTHENTICATION',
      mayHaveBeenApplied: true,
    });
  });

  it('does not believe an answer signed by a key it does not hold', async () => {
    const other = wechatpayAdapter(
      configFor(server.url, {
        platformKeys: [{ serial: keys.platformSerial, pem: stranger.publicKey }],
      }),
    );
    await expect(other.createCheckout(order)).rejects.toMatchObject({
      errorClass: 'AUTHENTICATION',
    });
  });

  it('a request signed with the wrong merchant key is refused by WeChat Pay (401)', async () => {
    const wrong = wechatpayAdapter(
      configFor(server.url, { merchantPrivateKey: stranger.privateKey }),
    );
    await expect(wrong.createCheckout(order)).rejects.toMatchObject({
      errorClass: 'AUTHENTICATION',
      message: expect.stringContaining('签名错误') as string,
    });
  });

  it('maps 5xx to a retryable network error and 429 to a rate limit', async () => {
    server.nextAnswer = { status: 500, body: '{"code":"SYSTEM_ERROR"}', signed: true };
    await expect(adapter.createCheckout(order)).rejects.toMatchObject({
      errorClass: 'NETWORK',
      retryable: true,
      mayHaveBeenApplied: true,
    });
    server.nextAnswer = { status: 429, body: '{"code":"FREQUENCY_LIMITED"}', signed: true };
    await expect(adapter.createCheckout(order)).rejects.toMatchObject({
      errorClass: 'RATE_LIMIT',
    });
  });

  it('reports a signed business error with its code', async () => {
    server.nextAnswer = {
      status: 400,
      body: '{"code":"PARAM_ERROR","message":"out_trade_no 太长"}',
      signed: true,
    };
    await expect(adapter.createCheckout(order)).rejects.toMatchObject({
      errorClass: 'RESOURCE',
      message: expect.stringContaining('PARAM_ERROR') as string,
    });
  });

  it('an unreachable WeChat Pay is a network error', async () => {
    const closed = await startLoopbackWechatpay(keys);
    await closed.close();
    const offline = wechatpayAdapter(configFor(closed.url));
    await expect(offline.createCheckout(order)).rejects.toMatchObject({ errorClass: 'NETWORK' });
  });
});

describe('order query (GET /v3/pay/transactions/out-trade-no/{no}?mchid=)', () => {
  it('ORDER_NOT_EXIST is found: false', async () => {
    expect(await adapter.queryOrder('RHnever')).toEqual({ found: false });
    expect(server.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: `/v3/pay/transactions/out-trade-no/RHnever?mchid=${keys.mchId}`,
    });
  });

  it.each([
    ['SUCCESS', true],
    ['NOTPAY', false],
  ])('a trade in state %s', async (state, paid) => {
    server.trades.set(`RH-${state}`, {
      appid: keys.appId,
      mchid: keys.mchId,
      out_trade_no: `RH-${state}`,
      trade_state: state,
      ...(paid ? { transaction_id: '4200000001' } : {}),
      amount: { total: 9_900, currency: 'CNY' },
    });
    expect(await adapter.queryOrder(`RH-${state}`)).toEqual({
      found: true,
      paid,
      providerTxnId: paid ? '4200000001' : null,
      amountMinor: 9_900,
      providerStatus: state,
    });
  });

  it("refuses another merchant's trade", async () => {
    server.trades.set('RH-other', {
      appid: 'wx-other',
      mchid: keys.mchId,
      out_trade_no: 'RH-other',
      trade_state: 'SUCCESS',
      transaction_id: '4200000002',
      amount: { total: 9_900, currency: 'CNY' },
    });
    await expect(adapter.queryOrder('RH-other')).rejects.toMatchObject({ errorClass: 'RESOURCE' });
  });

  it('a forged, unsigned ORDER_NOT_EXIST is not believed', async () => {
    server.nextAnswer = { status: 404, body: '{"code":"ORDER_NOT_EXIST"}', signed: false };
    await expect(adapter.queryOrder('RH-SUCCESS')).rejects.toMatchObject({
      errorClass: 'AUTHENTICATION',
      mayHaveBeenApplied: false,
    });
  });
});

describe('refund (POST /v3/refund/domestic/refunds)', () => {
  const refund = {
    refundNo: 'RF-0001',
    outTradeNo: order.outTradeNo,
    providerTxnId: '4200000001',
    amountMinor: 5_000,
    totalMinor: 9_900,
    currency: 'CNY' as const,
    reason: 'customer asked',
  };

  it('sends out_refund_no and both amounts; SUCCESS → SUCCEEDED; the same number is the same refund', async () => {
    const first = await adapter.refund(refund);
    expect(first).toEqual({ status: 'SUCCEEDED', providerRefundId: expect.any(String) as string });
    expect(server.requests.at(-1)?.body).toEqual({
      transaction_id: '4200000001',
      out_refund_no: 'RF-0001',
      reason: 'customer asked',
      amount: { refund: 5_000, total: 9_900, currency: 'CNY' },
    });
    expect(await adapter.refund(refund)).toEqual(first);
  });

  it('PROCESSING → PENDING; without a transaction id it names the out_trade_no', async () => {
    server.refundStatus = 'PROCESSING';
    const result = await adapter.refund({ ...refund, refundNo: 'RF-0002', providerTxnId: null });
    expect(result.status).toBe('PENDING');
    expect(server.requests.at(-1)?.body).toMatchObject({ out_trade_no: order.outTradeNo });
    expect(server.requests.at(-1)?.body).not.toHaveProperty('transaction_id');
  });

  it('ABNORMAL is a failure, not a refund', async () => {
    server.refundStatus = 'ABNORMAL';
    await expect(adapter.refund({ ...refund, refundNo: 'RF-0003' })).rejects.toMatchObject({
      errorClass: 'RESOURCE',
      message: expect.stringContaining('ABNORMAL') as string,
    });
  });
});
