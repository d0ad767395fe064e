import { createPrivateKey } from 'node:crypto';
import {
  fenToYuanString,
  type PaymentProvider,
  NetworkError,
  ResourceError,
  yuanStringToFen,
} from '@roundhouse/core';
import { AlipaySdk } from 'alipay-sdk';
import type {
  Checkout,
  CheckoutOrder,
  PaymentProviderAdapter,
  ProviderResponse,
  QueriedOrder,
  RefundRequest,
  RefundResult,
} from '../adapter';
import {
  alipayPublicKey,
  formatAlipayTime,
  type AlipayMerchant,
  verifyAlipayNotification,
} from './alipay-notification';

export interface AlipayConfig extends AlipayMerchant {
  /** Our application private key (PKCS#1 or PKCS#8 PEM, or its base64 body). */
  privateKey: string;
  /** Alipay's public key: what notifications are verified with. */
  alipayPublicKey: string;
  /** Default: Alipay's production gateway. */
  gateway?: string;
  /** Where Alipay posts notifications: `<public API URL>/webhooks/alipay`. */
  notifyUrl: string;
  /** Where the buyer's browser returns to; never trusted as proof of payment. */
  returnUrl: string;
  /** Desktop page pay (redirect) or precreate (QR to scan). Default: page. */
  checkout?: 'page' | 'qr';
}

export interface AlipayAdapterOptions {
  /** 'SANDBOX' when the sandbox plays Alipay with its own keys. */
  provider?: PaymentProvider;
  /** Replaces Alipay's checkout (the sandbox sends buyers to its local cashier). */
  createCheckout?: (order: CheckoutOrder) => Promise<Checkout>;
  queryOrder?: (outTradeNo: string) => Promise<QueriedOrder>;
  refund?: (request: RefundRequest) => Promise<RefundResult>;
}

const TEXT = 'text/plain; charset=utf-8';

/**
 * Alipay through the official alipay-sdk (DESIGN §5). Notifications are verified with the
 * configured Alipay public key (parsed once, see alipay-notification.ts), so the sandbox (which
 * signs with its own key pair) runs exactly this code.
 */
export function alipayAdapter(
  config: AlipayConfig,
  options: AlipayAdapterOptions = {},
): PaymentProviderAdapter {
  const sdk = new AlipaySdk({
    appId: config.appId,
    privateKey: config.privateKey,
    alipayPublicKey: config.alipayPublicKey,
    keyType: privateKeyType(config.privateKey),
    signType: 'RSA2',
    ...(config.gateway ? { gateway: config.gateway } : {}),
  });
  const merchant = { appId: config.appId, sellerId: config.sellerId };
  const notificationKey = alipayPublicKey(config.alipayPublicKey);

  return {
    provider: options.provider ?? 'ALIPAY',
    currencies: ['CNY'],
    // The sandbox's own checkout sends the buyer to its cashier page.
    checkoutKind: config.checkout === 'qr' && !options.createCheckout ? 'qr' : 'redirect',
    createCheckout: options.createCheckout ?? ((order) => alipayCheckout(sdk, config, order)),
    verifyNotification: async (request) =>
      verifyAlipayNotification(notificationKey, merchant, request),
    queryOrder: options.queryOrder ?? ((outTradeNo) => queryAlipayTrade(sdk, outTradeNo)),
    refund: options.refund ?? ((request) => refundAlipayTrade(sdk, request)),
    // Alipay stops retrying only on exactly this body.
    ackResponse: (): ProviderResponse => ({ status: 200, contentType: TEXT, body: 'success' }),
    rejectResponse: (): ProviderResponse => ({ status: 400, contentType: TEXT, body: 'fail' }),
  };
}

async function alipayCheckout(
  sdk: AlipaySdk,
  config: AlipayConfig,
  order: CheckoutOrder,
): Promise<Checkout> {
  const bizContent = {
    out_trade_no: order.outTradeNo,
    total_amount: fenToYuanString(order.amountMinor),
    subject: order.subject,
    // Alipay closes the trade when our order expires, so a stale page cannot be paid.
    time_expire: formatAlipayTime(order.expiresAt),
  };
  if (config.checkout === 'qr') {
    const result = await sdk.exec('alipay.trade.precreate', {
      notify_url: config.notifyUrl,
      bizContent,
    });
    if (result.code !== '10000' || typeof result.qrCode !== 'string') {
      throw new Error(
        `alipay.trade.precreate failed: ${result.code} ${result.subMsg ?? result.msg}`,
      );
    }
    return { kind: 'qr', codeUrl: result.qrCode };
  }
  const url = sdk.pageExecute('alipay.trade.page.pay', 'GET', {
    bizContent: { ...bizContent, product_code: 'FAST_INSTANT_TRADE_PAY' },
    notifyUrl: config.notifyUrl,
    returnUrl: config.returnUrl,
  });
  return { kind: 'redirect', url };
}

/** alipay.trade.query for reconciliation; ACQ.TRADE_NOT_EXIST means the buyer never started. */
async function queryAlipayTrade(sdk: AlipaySdk, outTradeNo: string): Promise<QueriedOrder> {
  const result = await sdk.exec('alipay.trade.query', { bizContent: { out_trade_no: outTradeNo } });
  if (result.subCode === 'ACQ.TRADE_NOT_EXIST') return { found: false };
  if (result.code !== '10000') {
    throw new Error(`alipay.trade.query failed: ${result.code} ${result.subMsg ?? result.msg}`);
  }
  const status = String(result.tradeStatus);
  return {
    found: true,
    paid: status === 'TRADE_SUCCESS' || status === 'TRADE_FINISHED',
    providerTxnId: typeof result.tradeNo === 'string' ? result.tradeNo : null,
    amountMinor: yuanStringToFen(String(result.totalAmount)),
    providerStatus: status,
  };
}

/** Alipay's "service currently unavailable" answer code, and its "system error, retry" sub code. */
const ALIPAY_UNAVAILABLE = '20000';
const ALIPAY_SYSTEM_ERROR = 'ACQ.SYSTEM_ERROR';

/**
 * alipay.trade.refund: out_request_no makes a repeated request the same refund. Alipay answers
 * fund_change 'Y' when this call moved money and 'N' when an earlier identical one already did;
 * both mean the refund stands.
 */
async function refundAlipayTrade(sdk: AlipaySdk, request: RefundRequest): Promise<RefundResult> {
  const result = await sdk.exec('alipay.trade.refund', {
    bizContent: {
      out_trade_no: request.outTradeNo,
      refund_amount: fenToYuanString(request.amountMinor),
      out_request_no: request.refundNo,
      refund_reason: request.reason.slice(0, 256),
    },
  });
  if (result.code !== '10000') {
    const message = `alipay.trade.refund failed: ${result.code} ${result.subCode ?? ''} ${result.subMsg ?? result.msg}`;
    // Alipay busy or its own error: the refund's fate is unknown, ask again with the same number.
    if (result.code === ALIPAY_UNAVAILABLE || result.subCode === ALIPAY_SYSTEM_ERROR) {
      throw new NetworkError(message, { mayHaveBeenApplied: true });
    }
    throw new ResourceError(message, { reason: 'INVALID' });
  }
  return {
    status: 'SUCCEEDED',
    providerRefundId: typeof result.tradeNo === 'string' ? result.tradeNo : null,
  };
}

/** PEM says which it is; the bare base64 Alipay's key tool prints may be either. */
function privateKeyType(key: string): 'PKCS1' | 'PKCS8' {
  if (key.includes('BEGIN RSA PRIVATE KEY')) return 'PKCS1';
  if (key.includes('BEGIN PRIVATE KEY')) return 'PKCS8';
  try {
    createPrivateKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'pkcs8' });
    return 'PKCS8';
  } catch {
    return 'PKCS1';
  }
}
