import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NetworkError, ResourceError } from '@roundhouse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alipayAdapter, generateSandboxKeys, type PaymentProviderAdapter } from '../src';

/**
 * alipay.trade.refund through alipay-sdk against a loopback "gateway" that answers what Alipay
 * answers: the request carries our refund number, and an answer that leaves the refund's fate
 * unknown (Alipay busy) is a retryable error that may have been applied, never a refusal.
 */
const keys = generateSandboxKeys();
let server: Server;
let adapter: PaymentProviderAdapter;
let answer: Record<string, unknown>;
const asked: URLSearchParams[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://gateway');
      asked.push(new URLSearchParams([...url.searchParams, ...new URLSearchParams(body)]));
      response.setHeader('content-type', 'application/json;charset=utf-8');
      response.end(JSON.stringify({ alipay_trade_refund_response: answer }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  adapter = alipayAdapter({
    appId: '2021000000000001',
    sellerId: '2088000000000001',
    privateKey: keys.appPrivateKey,
    alipayPublicKey: keys.alipayPublicKey,
    gateway: `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway.do`,
    notifyUrl: 'https://rh.example/webhooks/alipay',
    returnUrl: 'https://rh.example/orders',
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const request = {
  refundNo: 'RF-0042',
  outTradeNo: 'RH0123456789abcdef',
  providerTxnId: '2026112322001400000000000001',
  amountMinor: 4_950,
  totalMinor: 9_900,
  currency: 'CNY' as const,
  reason: 'customer asked',
};

describe('Alipay refund answers', () => {
  it('asks with our refund number and amount, and takes fund_change Y or N as done', async () => {
    answer = {
      code: '10000',
      msg: 'Success',
      trade_no: '2026112322001400000000000001',
      fund_change: 'N',
    };
    await expect(adapter.refund(request)).resolves.toEqual({
      status: 'SUCCEEDED',
      providerRefundId: '2026112322001400000000000001',
    });
    const sent = asked.at(-1)!;
    expect(sent.get('method')).toBe('alipay.trade.refund');
    expect(JSON.parse(sent.get('biz_content') ?? '{}')).toMatchObject({
      out_trade_no: request.outTradeNo,
      out_request_no: 'RF-0042',
      refund_amount: '49.50',
    });
  });

  it('Alipay busy or its system error: unknown outcome, ask again with the same number', async () => {
    for (const busy of [
      { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error' },
      { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.SYSTEM_ERROR' },
    ]) {
      answer = busy;
      const error = await adapter.refund(request).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).mayHaveBeenApplied).toBe(true);
    }
  });

  it('a refusal (e.g. the refund exceeds what was paid) is a ResourceError nothing applied', async () => {
    answer = { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL' };
    const error = await adapter.refund(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResourceError);
    expect((error as ResourceError).mayHaveBeenApplied).toBe(false);
  });
});
