import { describe, expect, it } from 'vitest';
import {
  alipayAdapter,
  generateSandboxKeys,
  NotificationRejectedError,
  parseAlipayTime,
  sandboxAlipayAdapter,
  sandboxAlipayNotification,
  signAlipayForm,
  type PaymentProviderAdapter,
  type RejectionReason,
} from '../src';

const keys = generateSandboxKeys();
const other = generateSandboxKeys();
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const adapter = sandboxAlipayAdapter(keys, {
  cashierUrl: (id) => `http://localhost:3000/sandbox/cashier/${id}`,
  notifyUrl: 'http://localhost:3000/webhooks/alipay',
  returnUrl: 'http://localhost:3000/orders',
});
const trade = { outTradeNo: 'RH0123456789abcdef', amountMinor: 9_900 };

function verify(rawBody: string, contentType = FORM, on: PaymentProviderAdapter = adapter) {
  return on.verifyNotification({ headers: {}, rawBody, contentType });
}

async function rejection(promise: Promise<unknown>): Promise<RejectionReason | 'accepted'> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof NotificationRejectedError) return error.reason;
    throw error;
  }
}

describe('Alipay notification verification (sandbox keys, production code)', () => {
  it('accepts a correctly signed notification and maps it to minor units', async () => {
    const body = sandboxAlipayNotification(keys, trade, keys.alipayPrivateKey, {
      notify_id: 'n-1',
      trade_no: 'T-1',
    });
    const verified = await verify(body);
    expect(verified).toMatchObject({
      eventKey: 'n-1:TRADE_SUCCESS',
      outTradeNo: trade.outTradeNo,
      providerTxnId: 'T-1',
      amountMinor: 9_900,
      currency: 'CNY',
      appId: keys.appId,
      merchantId: keys.sellerId,
      paid: true,
      providerStatus: 'TRADE_SUCCESS',
    });
    expect(verified).toMatchObject({ paidAt: expect.any(Date) });
  });

  it('verifies values with characters that need form encoding', async () => {
    const body = sandboxAlipayNotification(keys, trade, keys.alipayPrivateKey, {
      subject: 'Roundhouse 基础版 & more=100%',
    });
    await expect(verify(body)).resolves.toMatchObject({ paid: true });
  });

  it('reports waiting and closed trades as not paid', async () => {
    for (const tradeStatus of ['WAIT_BUYER_PAY', 'TRADE_CLOSED']) {
      const body = sandboxAlipayNotification(
        keys,
        { ...trade, tradeStatus },
        keys.alipayPrivateKey,
      );
      await expect(verify(body)).resolves.toMatchObject({ paid: false });
    }
    const finished = sandboxAlipayNotification(
      keys,
      { ...trade, tradeStatus: 'TRADE_FINISHED' },
      keys.alipayPrivateKey,
    );
    await expect(verify(finished)).resolves.toMatchObject({ paid: true });
  });

  it('rejects a signature from another key', async () => {
    const body = sandboxAlipayNotification(keys, trade, other.alipayPrivateKey);
    expect(await rejection(verify(body))).toBe('BAD_SIGNATURE');
  });

  it('rejects a forged (garbage) signature', async () => {
    const params = new URLSearchParams(
      sandboxAlipayNotification(keys, trade, keys.alipayPrivateKey),
    );
    params.set('sign', Buffer.from('forged').toString('base64'));
    expect(await rejection(verify(params.toString()))).toBe('BAD_SIGNATURE');
  });

  it('rejects a tampered amount', async () => {
    const params = new URLSearchParams(
      sandboxAlipayNotification(keys, trade, keys.alipayPrivateKey),
    );
    params.set('total_amount', '0.01');
    expect(await rejection(verify(params.toString()))).toBe('BAD_SIGNATURE');
  });

  it('rejects an unknown sign_type instead of throwing', async () => {
    const params = new URLSearchParams(
      sandboxAlipayNotification(keys, trade, keys.alipayPrivateKey),
    );
    params.set('sign_type', 'MD5');
    expect(await rejection(verify(params.toString()))).toBe('BAD_SIGNATURE');
  });

  it("takes Alipay's public key as PEM or bare base64, and rejects with one that does not parse", async () => {
    const urls = {
      cashierUrl: (id: string) => `http://localhost:3000/sandbox/cashier/${id}`,
      notifyUrl: 'http://localhost:3000/webhooks/alipay',
      returnUrl: 'http://localhost:3000/orders',
    };
    const bare = keys.alipayPublicKey.replace(/-----[A-Z ]+-----|\s/g, '');
    const body = sandboxAlipayNotification(keys, trade, keys.alipayPrivateKey);
    const withBare = sandboxAlipayAdapter({ ...keys, alipayPublicKey: bare }, urls);
    await expect(verify(body, FORM, withBare)).resolves.toMatchObject({ paid: true });
    const broken = sandboxAlipayAdapter({ ...keys, alipayPublicKey: 'not a key' }, urls);
    expect(await rejection(verify(body, FORM, broken))).toBe('BAD_SIGNATURE');
  });

  it('rejects a validly signed notification for another app_id or seller_id', async () => {
    const overrides: Record<string, string>[] = [
      { app_id: 'someone-else' },
      { seller_id: '2088000000000000' },
    ];
    for (const override of overrides) {
      const body = sandboxAlipayNotification(keys, trade, keys.alipayPrivateKey, override);
      const error = await verify(body).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NotificationRejectedError);
      expect(error).toMatchObject({ reason: 'MERCHANT_MISMATCH', verified: true });
    }
  });

  it('rejects a signed notification without required fields or with a bad amount', async () => {
    const noTradeNo = signAlipayForm(
      { notify_id: 'n', app_id: keys.appId, seller_id: keys.sellerId, out_trade_no: 'x' },
      keys.alipayPrivateKey,
    );
    expect(await rejection(verify(noTradeNo))).toBe('MALFORMED');
    const badAmount = sandboxAlipayNotification(keys, trade, keys.alipayPrivateKey, {
      total_amount: '1e3',
    });
    expect(await rejection(verify(badAmount))).toBe('MALFORMED');
  });

  it('rejects empty and malformed bodies, repeated fields and the wrong content type', async () => {
    expect(await rejection(verify(''))).toBe('MALFORMED');
    expect(await rejection(verify('%%%not a form'))).toBe('MALFORMED');
    const body = sandboxAlipayNotification(keys, trade, keys.alipayPrivateKey);
    expect(await rejection(verify(`${body}&total_amount=0.01`))).toBe('MALFORMED');
    expect(await rejection(verify(body, 'application/json'))).toBe('WRONG_CONTENT_TYPE');
    expect(await rejection(verify(body, ''))).toBe('WRONG_CONTENT_TYPE');
  });
});

describe('Alipay adapter answers and checkouts', () => {
  it('acknowledges with exactly "success" and rejects with a 4xx', () => {
    expect(adapter.ackResponse()).toEqual({
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: 'success',
    });
    expect(adapter.rejectResponse('bad').status).toBe(400);
    expect(adapter.rejectResponse('bad').body).not.toBe('success');
  });

  it('sends sandbox buyers to the local cashier', async () => {
    const checkout = await adapter.createCheckout({
      id: 'order-1',
      outTradeNo: trade.outTradeNo,
      amountMinor: 9_900,
      currency: 'CNY',
      subject: 'Basic',
      expiresAt: new Date(),
    });
    expect(checkout).toEqual({
      kind: 'redirect',
      url: 'http://localhost:3000/sandbox/cashier/order-1',
    });
    expect(adapter.provider).toBe('SANDBOX');
  });

  it('builds a signed page-pay URL for live Alipay without a network call', async () => {
    const live = alipayAdapter({
      appId: 'app-1',
      sellerId: '2088',
      privateKey: keys.appPrivateKey,
      alipayPublicKey: keys.alipayPublicKey,
      notifyUrl: 'https://rh.example/webhooks/alipay',
      returnUrl: 'https://rh.example/orders',
    });
    const checkout = await live.createCheckout({
      id: 'order-1',
      outTradeNo: trade.outTradeNo,
      amountMinor: 9_900,
      currency: 'CNY',
      subject: 'Basic',
      expiresAt: new Date('2026-01-01T00:00:00Z'),
    });
    expect(checkout.kind).toBe('redirect');
    const url = new URL(checkout.kind === 'redirect' ? checkout.url : '');
    expect(url.origin).toBe('https://openapi.alipay.com');
    expect(url.searchParams.get('method')).toBe('alipay.trade.page.pay');
    expect(url.searchParams.get('notify_url')).toBe('https://rh.example/webhooks/alipay');
    expect(url.searchParams.get('sign')).toBeTruthy();
    expect(JSON.parse(url.searchParams.get('biz_content') ?? '{}')).toMatchObject({
      out_trade_no: trade.outTradeNo,
      total_amount: '99.00',
      product_code: 'FAST_INSTANT_TRADE_PAY',
      time_expire: '2026-01-01 08:00:00',
    });
    expect(live.provider).toBe('ALIPAY');
  });

  it('parses Alipay timestamps as Beijing time', () => {
    expect(parseAlipayTime('2026-01-01 08:00:00')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseAlipayTime('yesterday')).toBeNull();
    expect(parseAlipayTime(undefined)).toBeNull();
  });
});
