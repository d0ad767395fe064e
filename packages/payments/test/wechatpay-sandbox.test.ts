import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createPaymentAdapters,
  ephemeralSandboxKeys,
  loadOrCreateSandboxKeys,
  sandboxWechatpayNotification,
} from '../src';

const dir = mkdtempSync(path.join(tmpdir(), 'wechatpay-sandbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the sandbox WeChat Pay option', () => {
  const adapters = createPaymentAdapters(undefined, 'http://localhost:3000/');
  const wechat = adapters.byProvider.WECHATPAY!;
  const keys = ephemeralSandboxKeys().wechatpay;

  it('is recorded as SANDBOX and sends the QR scanner to the cashier in WeChat format', async () => {
    expect(wechat.provider).toBe('SANDBOX');
    expect(wechat.currencies).toEqual(['CNY']);
    const checkout = await wechat.createCheckout({
      id: 'order-1',
      outTradeNo: 'RH1',
      amountMinor: 100,
      currency: 'CNY',
      subject: 'x',
      expiresAt: new Date(),
    });
    expect(checkout).toEqual({
      kind: 'qr',
      codeUrl: 'http://localhost:3000/sandbox/cashier/order-1?format=wechatpay',
    });
  });

  it('verifies what the cashier signs, through the production verifier', async () => {
    const delivery = sandboxWechatpayNotification(keys, { outTradeNo: 'RH1', amountMinor: 100 });
    const notification = await wechat.verifyNotification({
      headers: delivery.headers,
      rawBody: delivery.body,
      contentType: 'application/json',
    });
    expect(notification).toMatchObject({ outTradeNo: 'RH1', amountMinor: 100, paid: true });
  });

  it("answers WeChat Pay's way: 204 to stop retries, FAIL JSON otherwise", () => {
    expect(wechat.ackResponse()).toMatchObject({ status: 204, body: '' });
    const reject = wechat.rejectResponse('BAD_SIGNATURE: no');
    expect(reject.status).toBe(400);
    expect(reject.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(reject.body)).toEqual({ code: 'FAIL', message: 'BAD_SIGNATURE: no' });
  });
});

describe('sandbox key files', () => {
  it('a file from before WeChat Pay still loads, gains WeChat keys once, and keeps them', () => {
    const file = path.join(dir, 'old.json');
    const { wechatpay: _dropped, ...old } = ephemeralSandboxKeys();
    writeFileSync(file, JSON.stringify(old), { mode: 0o600 });

    const first = loadOrCreateSandboxKeys(file);
    expect(first).toMatchObject(old);
    expect(first.wechatpay.apiV3Key).toHaveLength(32);
    expect(first.wechatpay.platformSerial).toMatch(/^PUB_KEY_ID_/);
    expect(loadOrCreateSandboxKeys(file)).toEqual(first);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a new file holds both providers', () => {
    const file = path.join(dir, 'nested', 'new.json');
    const keys = loadOrCreateSandboxKeys(file);
    expect(keys.wechatpay.mchId).toMatch(/^\d{10}$/);
    expect(loadOrCreateSandboxKeys(file)).toEqual(keys);
  });
});
