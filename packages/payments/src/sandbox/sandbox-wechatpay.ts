import { randomUUID } from 'node:crypto';
import type { PaymentProviderAdapter } from '../adapter';
import { encryptResource } from '../wechatpay/wechatpay-aead';
import {
  signatureMessage,
  signWechatpay,
  WECHATPAY_SCHEMA,
  wechatpayNonce,
} from '../wechatpay/wechatpay-signature';
import { formatWechatpayTime, wechatpayAdapter } from '../wechatpay/wechatpay.provider';
import type { SandboxKeys, SandboxWechatpayKeys } from './sandbox-keys';

/** The cashier's URL query that makes it speak WeChat Pay (default: Alipay). */
export const WECHATPAY_CASHIER_FORMAT = 'wechatpay';

/**
 * The sandbox's WeChat Pay option (PAYMENTS_MODE=sandbox): the production WeChat adapter with
 * the sandbox's keys, recorded as provider SANDBOX. Its QR opens our cashier in WeChat format
 * (`?format=wechatpay`), which posts a notification our verifier checks with the sandbox's
 * public key. One sandbox plays both providers, so the order query and refunds are the
 * sandbox's shared ones (the Alipay-format adapter's).
 */
export function sandboxWechatpayAdapter(
  keys: SandboxKeys,
  urls: { cashierUrl: (orderId: string) => string; notifyUrl: string },
  shared: Pick<PaymentProviderAdapter, 'queryOrder' | 'refund'>,
): PaymentProviderAdapter {
  const wechat = keys.wechatpay;
  return wechatpayAdapter(
    {
      appId: wechat.appId,
      mchId: wechat.mchId,
      merchantSerial: wechat.merchantSerial,
      merchantPrivateKey: wechat.merchantPrivateKey,
      apiV3Key: wechat.apiV3Key,
      platformKeys: [{ serial: wechat.platformSerial, pem: wechat.platformPublicKey }],
      notifyUrl: urls.notifyUrl,
    },
    {
      provider: 'SANDBOX',
      createCheckout: async (order) => ({
        kind: 'qr',
        codeUrl: `${urls.cashierUrl(order.id)}?format=${WECHATPAY_CASHIER_FORMAT}`,
      }),
      queryOrder: (outTradeNo) => shared.queryOrder(outTradeNo),
      refund: (request) => shared.refund(request),
    },
  );
}

export interface SandboxWechatpayTrade {
  outTradeNo: string;
  amountMinor: number;
  /** Default a fresh one. */
  transactionId?: string;
  /** Default SUCCESS. */
  tradeState?: string;
}

/** A WeChat Pay notification as it goes over the wire. */
export interface WechatpayDelivery {
  headers: Record<string, string>;
  body: string;
}

/**
 * The notification WeChat Pay would POST for a trade: the transaction encrypted with the
 * APIv3 key, the envelope signed with the platform key. `transaction` replaces or adds fields
 * of the decrypted transaction (tests tamper with them); `sign` overrides the signing key,
 * serial or time.
 */
export function sandboxWechatpayNotification(
  keys: SandboxWechatpayKeys,
  trade: SandboxWechatpayTrade,
  options: {
    transaction?: Record<string, unknown>;
    id?: string;
    sign?: Partial<WechatpaySigningKey> & { now?: Date };
  } = {},
): WechatpayDelivery {
  const now = options.sign?.now ?? new Date();
  const transaction = {
    appid: keys.appId,
    mchid: keys.mchId,
    out_trade_no: trade.outTradeNo,
    transaction_id: trade.transactionId ?? sandboxTransactionId(now),
    trade_type: 'NATIVE',
    trade_state: trade.tradeState ?? 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    attach: '',
    success_time: formatWechatpayTime(now),
    payer: { openid: 'sandbox-openid' },
    amount: {
      total: trade.amountMinor,
      payer_total: trade.amountMinor,
      currency: 'CNY',
      payer_currency: 'CNY',
    },
    ...options.transaction,
  };
  const body = JSON.stringify({
    id: options.id ?? randomUUID(),
    create_time: formatWechatpayTime(now),
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: encryptResource(JSON.stringify(transaction), keys.apiV3Key, 'transaction'),
  });
  const signing = {
    privateKey: keys.platformPrivateKey,
    serial: keys.platformSerial,
    ...options.sign,
  };
  return { headers: signWechatpayBody(body, signing, now), body };
}

export interface WechatpaySigningKey {
  privateKey: string;
  serial: string;
}

/** The Wechatpay-* headers WeChat Pay puts on a body it signs (notifications, responses). */
export function signWechatpayBody(
  body: string,
  key: WechatpaySigningKey,
  now: Date = new Date(),
): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = wechatpayNonce();
  return {
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonce,
    'wechatpay-serial': key.serial,
    'wechatpay-signature': signWechatpay(signatureMessage(timestamp, nonce, body), key.privateKey),
    'wechatpay-signature-type': WECHATPAY_SCHEMA,
  };
}

/** A WeChat-style transaction_id (28 digits) for a sandbox payment. */
export function sandboxTransactionId(now = new Date()): string {
  const random = String(Math.floor(Math.random() * 1e10)).padStart(10, '0');
  return `4200${formatWechatpayTime(now).slice(0, 10).replaceAll('-', '')}${random}${String(now.getTime() % 1e6).padStart(6, '0')}`;
}
