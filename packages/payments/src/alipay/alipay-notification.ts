import { createPublicKey, createVerify, type KeyObject } from 'node:crypto';
import { yuanStringToFen } from '@roundhouse/core';
import {
  NotificationRejectedError,
  type NotificationRequest,
  type VerifiedNotification,
} from '../adapter';
import { alipaySignContent } from './alipay-sign';

/** Alipay's trade statuses that mean the money was taken (DESIGN §5). */
export const ALIPAY_PAID_STATUSES: ReadonlySet<string> = new Set([
  'TRADE_SUCCESS',
  'TRADE_FINISHED',
]);
const REQUIRED = ['notify_id', 'out_trade_no', 'trade_no', 'total_amount', 'trade_status'] as const;
const FORM = 'application/x-www-form-urlencoded';
/** Alipay writes its timestamps in Beijing time without a zone. */
const ALIPAY_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

export interface AlipayMerchant {
  appId: string;
  /** The merchant's Alipay user id (2088…), sent as seller_id. */
  sellerId: string;
}

/**
 * Verifies an Alipay asynchronous notification (a form POST): RSA2 (SHA256withRSA) over the
 * sorted params except sign/sign_type (alipaySignContent: raw values) with Alipay's public key,
 * then app_id and seller_id against ours. Any exception counts as a failure.
 */
export function verifyAlipayNotification(
  alipayPublicKey: AlipayPublicKey,
  merchant: AlipayMerchant,
  request: NotificationRequest,
): VerifiedNotification {
  const mediaType = request.contentType.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== FORM) {
    throw new NotificationRejectedError('WRONG_CONTENT_TYPE', `Expected ${FORM}`);
  }
  const params = parseForm(request.rawBody);
  if (!signatureVerifies(alipayPublicKey, params)) {
    throw new NotificationRejectedError('BAD_SIGNATURE', 'The signature does not verify');
  }
  const missing = REQUIRED.filter((name) => !params[name]);
  if (missing.length > 0) {
    throw new NotificationRejectedError('MALFORMED', `Missing ${missing.join(', ')}`, true);
  }
  if (params.app_id !== merchant.appId || params.seller_id !== merchant.sellerId) {
    throw new NotificationRejectedError(
      'MERCHANT_MISMATCH',
      'app_id or seller_id is not ours',
      true,
    );
  }
  const field = (name: (typeof REQUIRED)[number]) => params[name] as string;
  return {
    eventKey: `${field('notify_id')}:${field('trade_status')}`,
    outTradeNo: field('out_trade_no'),
    providerTxnId: field('trade_no'),
    amountMinor: amountOf(field('total_amount')),
    currency: 'CNY',
    appId: params.app_id,
    merchantId: params.seller_id,
    paid: ALIPAY_PAID_STATUSES.has(field('trade_status')),
    paidAt: parseAlipayTime(params.gmt_payment),
    providerStatus: field('trade_status'),
  };
}

function parseForm(rawBody: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawBody)) {
    // A repeated key would let the signed value and the value we act on differ.
    if (key in params) throw new NotificationRejectedError('MALFORMED', `Repeated field ${key}`);
    params[key] = value;
  }
  if (!params.sign) throw new NotificationRejectedError('MALFORMED', 'No sign field');
  return params;
}

/**
 * Alipay's public key, parsed once: parsing the PEM again for every notification cost more than
 * the RSA verification itself (bench:webhooks). A key that does not parse fails every
 * verification (as a bad signature), as alipay-sdk's check did.
 */
export interface AlipayPublicKey {
  get(): KeyObject;
}

/** From a PEM, or the bare base64 (SPKI) body Alipay's key tool prints. */
export function alipayPublicKey(key: string): AlipayPublicKey {
  let parsed: KeyObject | undefined;
  return {
    get: () =>
      (parsed ??= key.includes('-----BEGIN')
        ? createPublicKey(key)
        : createPublicKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'spki' })),
  };
}

/**
 * One SHA256withRSA verification (alipay-sdk's checkNotifySignV2 tried twice: with sign_type in
 * the content first, which Alipay's notifications never sign). Only RSA2 is accepted.
 */
function signatureVerifies(key: AlipayPublicKey, params: Record<string, string>): boolean {
  if (params.sign_type !== undefined && params.sign_type !== 'RSA2') return false;
  try {
    return createVerify('RSA-SHA256')
      .update(alipaySignContent(params), 'utf8')
      .verify(key.get(), params.sign as string, 'base64');
  } catch {
    return false;
  }
}

function amountOf(totalAmount: string): number {
  try {
    return yuanStringToFen(totalAmount);
  } catch {
    throw new NotificationRejectedError('MALFORMED', 'total_amount is not a yuan amount', true);
  }
}

export function parseAlipayTime(text: string | undefined): Date | null {
  const match = text ? ALIPAY_TIME.exec(text) : null;
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** 'yyyy-MM-dd HH:mm:ss' in Beijing time, as Alipay writes timestamps. */
export function formatAlipayTime(date: Date): string {
  const beijing = new Date(date.getTime() + 8 * 3_600_000);
  return beijing.toISOString().slice(0, 19).replace('T', ' ');
}
