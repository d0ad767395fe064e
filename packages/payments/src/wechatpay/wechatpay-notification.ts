import { z } from 'zod';
import {
  NotificationRejectedError,
  type NotificationRequest,
  type VerifiedNotification,
} from '../adapter';
import { decryptResource } from './wechatpay-aead';
import type { WechatpayKeySet } from './wechatpay-keys';
import { verifyWechatpaySignature } from './wechatpay-signature';

const JSON_TYPE = 'application/json';

export interface WechatpayMerchant {
  appId: string;
  mchId: string;
  /** 32 bytes: decrypts notification resources. */
  apiV3Key: string;
  keys: WechatpayKeySet;
}

const envelopeSchema = z.object({
  id: z.string().min(1).max(64),
  event_type: z.string().min(1),
  resource_type: z.literal('encrypt-resource'),
  resource: z.object({
    algorithm: z.string(),
    ciphertext: z.string().min(1),
    associated_data: z.string().optional(),
    nonce: z.string().min(1),
    original_type: z.string().optional(),
  }),
});

/** The decrypted payment (TRANSACTION.*), only the fields we act on. */
const transactionSchema = z.object({
  appid: z.string(),
  mchid: z.string(),
  out_trade_no: z.string().min(1),
  transaction_id: z.string().min(1),
  trade_state: z.string().min(1),
  success_time: z.string().optional(),
  amount: z.object({ total: z.number().int().nonnegative(), currency: z.literal('CNY') }),
});

/**
 * Verifies a WeChat Pay v3 payment notification (DESIGN §5), written by us rather than taken
 * from wechatpay-node-v3, whose verifier skips the GCM tag and the replay window: JSON only;
 * the signature (timestamp window, serial-selected key); the resource decrypted with its tag
 * checked; appid and mchid ours. Only trade_state SUCCESS is a payment; other states come back
 * verified but unpaid, so they are recorded and acknowledged, never acted on.
 */
export function verifyWechatpayNotification(
  merchant: WechatpayMerchant,
  request: NotificationRequest,
  now: Date = new Date(),
): VerifiedNotification {
  const mediaType = request.contentType.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== JSON_TYPE) {
    throw new NotificationRejectedError('WRONG_CONTENT_TYPE', `Expected ${JSON_TYPE}`);
  }
  verifyWechatpaySignature(merchant.keys, request.headers, request.rawBody, now);

  const envelope = parse(envelopeSchema, jsonOf(request.rawBody), 'notification');
  let plaintext: string;
  try {
    plaintext = decryptResource(envelope.resource, merchant.apiV3Key);
  } catch (error) {
    throw new NotificationRejectedError(
      'UNDECRYPTABLE',
      `The resource does not decrypt: ${error instanceof Error ? error.message : 'error'}`,
      true,
    );
  }
  const transaction = parse(transactionSchema, jsonOf(plaintext), 'resource');
  if (transaction.appid !== merchant.appId || transaction.mchid !== merchant.mchId) {
    throw new NotificationRejectedError('MERCHANT_MISMATCH', 'appid or mchid is not ours', true);
  }
  return {
    // Redeliveries of a notification keep its id; a new state of the trade gets a new one.
    eventKey: `wechatpay:${envelope.id}`,
    outTradeNo: transaction.out_trade_no,
    providerTxnId: transaction.transaction_id,
    amountMinor: transaction.amount.total,
    currency: transaction.amount.currency,
    appId: transaction.appid,
    merchantId: transaction.mchid,
    paid: transaction.trade_state === 'SUCCESS',
    paidAt: dateOf(transaction.success_time),
    providerStatus: transaction.trade_state,
  };
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new NotificationRejectedError('MALFORMED', 'Not JSON', true);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new NotificationRejectedError(
      'MALFORMED',
      `Unexpected ${what}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim(),
      true,
    );
  }
  return result.data;
}

/** RFC 3339 with an offset, e.g. 2026-11-23T15:48:15+08:00. */
function dateOf(text: string | undefined): Date | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
