import { type PaymentProvider, ResourceError } from '@roundhouse/core';
import { z } from 'zod';
import type {
  Checkout,
  CheckoutOrder,
  PaymentProviderAdapter,
  ProviderResponse,
  QueriedOrder,
  RefundRequest,
  RefundResult,
} from '../adapter';
import { wechatpayError, wechatpayRequest, type WechatpayClientConfig } from './wechatpay-client';
import { type WechatpayPlatformKey, wechatpayKeySet } from './wechatpay-keys';
import { verifyWechatpayNotification, type WechatpayMerchant } from './wechatpay-notification';

export interface WechatpayConfig {
  appId: string;
  mchId: string;
  /** Serial of the merchant API certificate; its private key signs our requests. */
  merchantSerial: string;
  merchantPrivateKey: string;
  /** 32 bytes: decrypts notification resources. */
  apiV3Key: string;
  /** Platform certificates and/or the WeChat Pay public key, by serial. */
  platformKeys: readonly WechatpayPlatformKey[];
  /** Default https://api.mch.weixin.qq.com (WECHATPAY_API_BASE). */
  apiBase?: string;
  /** `<public API URL>/webhooks/wechatpay`. */
  notifyUrl: string;
}

export interface WechatpayAdapterOptions {
  /** 'SANDBOX' when the sandbox plays WeChat Pay with its own keys. */
  provider?: PaymentProvider;
  /** Replace the API calls (the sandbox has no WeChat Pay to call). */
  createCheckout?: (order: CheckoutOrder) => Promise<Checkout>;
  queryOrder?: (outTradeNo: string) => Promise<QueriedOrder>;
  refund?: (request: RefundRequest) => Promise<RefundResult>;
  /** The clock of the replay window (tests move it). */
  now?: () => Date;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * WeChat Pay v3, Native (QR) checkout (DESIGN §5). Requests are signed with the merchant key,
 * responses and notifications verified with the platform keys by serial.
 */
export function wechatpayAdapter(
  config: WechatpayConfig,
  options: WechatpayAdapterOptions = {},
): PaymentProviderAdapter {
  const keys = wechatpayKeySet(config.platformKeys);
  const merchant: WechatpayMerchant = {
    appId: config.appId,
    mchId: config.mchId,
    apiV3Key: config.apiV3Key,
    keys,
  };
  const client: WechatpayClientConfig = {
    mchId: config.mchId,
    merchantSerial: config.merchantSerial,
    merchantPrivateKey: config.merchantPrivateKey,
    keys,
    ...(config.apiBase ? { apiBase: config.apiBase } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  return {
    provider: options.provider ?? 'WECHATPAY',
    currencies: ['CNY'],
    checkoutKind: 'qr',
    createCheckout: options.createCheckout ?? ((order) => nativeCheckout(client, config, order)),
    verifyNotification: async (request) =>
      verifyWechatpayNotification(merchant, request, options.now?.()),
    queryOrder:
      options.queryOrder ?? ((outTradeNo) => queryTransaction(client, config, outTradeNo)),
    refund: options.refund ?? ((request) => refundTransaction(client, request)),
    // WeChat Pay stops retrying on any 2xx; 204 carries no body to get wrong.
    ackResponse: (): ProviderResponse => ({ status: 204, contentType: JSON_TYPE, body: '' }),
    rejectResponse: (reason): ProviderResponse => ({
      status: 400,
      contentType: JSON_TYPE,
      body: JSON.stringify({ code: 'FAIL', message: reason.slice(0, 200) }),
    }),
  };
}

/** POST /v3/pay/transactions/native: the code_url becomes the QR the buyer scans. */
async function nativeCheckout(
  client: WechatpayClientConfig,
  config: WechatpayConfig,
  order: CheckoutOrder,
): Promise<Checkout> {
  if (order.currency !== 'CNY') {
    throw new ResourceError('WeChat Pay charges in CNY only', { reason: 'INVALID' });
  }
  const what = 'WeChat Pay native order';
  const response = await wechatpayRequest(client, 'POST', '/v3/pay/transactions/native', {
    appid: config.appId,
    mchid: config.mchId,
    description: order.subject.slice(0, 127),
    out_trade_no: order.outTradeNo,
    // WeChat closes the trade when our order expires, so a stale QR cannot be paid.
    time_expire: formatWechatpayTime(order.expiresAt),
    notify_url: config.notifyUrl,
    amount: { total: order.amountMinor, currency: 'CNY' },
  });
  const codeUrl = response.body.code_url;
  if (response.status !== 200 || typeof codeUrl !== 'string') {
    throw wechatpayError(what, response);
  }
  return { kind: 'qr', codeUrl };
}

const transactionSchema = z.object({
  appid: z.string(),
  mchid: z.string(),
  trade_state: z.string(),
  transaction_id: z.string().optional(),
  amount: z.object({ total: z.number().int().nonnegative() }),
});

/** GET /v3/pay/transactions/out-trade-no/{no}: ORDER_NOT_EXIST means never started. */
async function queryTransaction(
  client: WechatpayClientConfig,
  config: WechatpayConfig,
  outTradeNo: string,
): Promise<QueriedOrder> {
  const what = 'WeChat Pay order query';
  const response = await wechatpayRequest(
    client,
    'GET',
    `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(config.mchId)}`,
  );
  if (response.status === 404 && response.body.code === 'ORDER_NOT_EXIST') return { found: false };
  const parsed = transactionSchema.safeParse(response.body);
  if (response.status !== 200 || !parsed.success) throw wechatpayError(what, response);
  const trade = parsed.data;
  if (trade.appid !== config.appId || trade.mchid !== config.mchId) {
    throw new ResourceError(`${what}: the trade belongs to another appid or mchid`);
  }
  return {
    found: true,
    paid: trade.trade_state === 'SUCCESS',
    providerTxnId: trade.transaction_id ?? null,
    amountMinor: trade.amount.total,
    providerStatus: trade.trade_state,
  };
}

/**
 * POST /v3/refund/domestic/refunds: out_refund_no makes a repeated request the same refund.
 * SUCCESS is done, PROCESSING finishes later; CLOSED / ABNORMAL did not refund.
 */
async function refundTransaction(
  client: WechatpayClientConfig,
  request: RefundRequest,
): Promise<RefundResult> {
  const what = 'WeChat Pay refund';
  if (request.currency !== 'CNY') {
    throw new ResourceError('WeChat Pay refunds in CNY only', { reason: 'INVALID' });
  }
  const response = await wechatpayRequest(client, 'POST', '/v3/refund/domestic/refunds', {
    ...(request.providerTxnId
      ? { transaction_id: request.providerTxnId }
      : { out_trade_no: request.outTradeNo }),
    out_refund_no: request.refundNo,
    reason: request.reason.slice(0, 80),
    amount: { refund: request.amountMinor, total: request.totalMinor, currency: 'CNY' },
  });
  const status = response.body.status;
  if (response.status !== 200 || (status !== 'SUCCESS' && status !== 'PROCESSING')) {
    throw wechatpayError(what, response);
  }
  return {
    status: status === 'SUCCESS' ? 'SUCCEEDED' : 'PENDING',
    providerRefundId: typeof response.body.refund_id === 'string' ? response.body.refund_id : null,
  };
}

/** RFC 3339 in Beijing time, as WeChat Pay writes it: 2026-11-23T23:48:15+08:00. */
export function formatWechatpayTime(date: Date): string {
  const beijing = new Date(date.getTime() + 8 * 3_600_000);
  return `${beijing.toISOString().slice(0, 19)}+08:00`;
}
