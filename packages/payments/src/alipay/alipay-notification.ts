import { yuanStringToFen } from '@roundhouse/core';
import type { AlipaySdk } from 'alipay-sdk';
import {
  NotificationRejectedError,
  type NotificationRequest,
  type VerifiedNotification,
} from '../adapter';

/** Alipay's trade statuses that mean the money was taken (DESIGN §5). */
const PAID_STATUSES = new Set(['TRADE_SUCCESS', 'TRADE_FINISHED']);
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
 * Verifies an Alipay asynchronous notification (a form POST): RSA2 over the sorted params
 * except sign/sign_type with Alipay's public key (alipay-sdk checkNotifySignV2, which uses the
 * raw values), then app_id and seller_id against ours. Any exception counts as a failure.
 */
export function verifyAlipayNotification(
  sdk: AlipaySdk,
  merchant: AlipayMerchant,
  request: NotificationRequest,
): VerifiedNotification {
  const mediaType = request.contentType.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== FORM) {
    throw new NotificationRejectedError('WRONG_CONTENT_TYPE', `Expected ${FORM}`);
  }
  const params = parseForm(request.rawBody);
  if (!safeCheckSign(sdk, params)) {
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
    paid: PAID_STATUSES.has(field('trade_status')),
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

function safeCheckSign(sdk: AlipaySdk, params: Record<string, string>): boolean {
  try {
    return sdk.checkNotifySignV2(params);
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
