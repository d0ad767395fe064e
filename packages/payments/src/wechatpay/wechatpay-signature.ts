import { createSign, createVerify, type KeyObject, randomBytes } from 'node:crypto';
import { NotificationRejectedError } from '../adapter';
import type { WechatpayKeySet } from './wechatpay-keys';

/** WeChat Pay v3's only signature scheme (SHA256withRSA, PKCS#1 v1.5, base64). */
export const WECHATPAY_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
/** A signed message older or newer than this is refused (DESIGN §5: replay window). */
export const REPLAY_WINDOW_S = 300;

/** v3 signs lines: every part, each followed by "\n" (the last one too). */
export function signatureMessage(...parts: string[]): string {
  return parts.map((part) => `${part}\n`).join('');
}

export function signWechatpay(message: string, privateKey: string | KeyObject): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

/** 32 hex characters: WeChat's examples use 32; anything up to 32 is accepted. */
export function wechatpayNonce(): string {
  return randomBytes(16).toString('hex');
}

export interface MerchantSigner {
  mchId: string;
  /** The serial of the merchant API certificate whose private key signs. */
  merchantSerial: string;
  merchantPrivateKey: string | KeyObject;
}

/**
 * The Authorization header of a merchant request: the signature covers the method, the path
 * with its query, the timestamp, the nonce and the exact body ("" for a GET).
 */
export function authorizationHeader(
  signer: MerchantSigner,
  request: { method: string; pathWithQuery: string; body: string },
  now: Date = new Date(),
): string {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = wechatpayNonce();
  const signature = signWechatpay(
    signatureMessage(request.method, request.pathWithQuery, timestamp, nonce, request.body),
    signer.merchantPrivateKey,
  );
  return (
    `${WECHATPAY_SCHEMA} mchid="${signer.mchId}",nonce_str="${nonce}",` +
    `signature="${signature}",timestamp="${timestamp}",serial_no="${signer.merchantSerial}"`
  );
}

/** The headers WeChat Pay signs its notifications and its API responses with. */
export interface WechatpaySignedHeaders {
  timestamp: string;
  nonce: string;
  signature: string;
  serial: string;
}

/** Wechatpay-* headers from a header record of any case; a missing one is MALFORMED. */
export function wechatpaySignedHeaders(headers: Record<string, string>): WechatpaySignedHeaders {
  const lower = new Map(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const header = (name: string) => {
    const value = lower.get(`wechatpay-${name}`)?.trim();
    if (!value) throw new NotificationRejectedError('MALFORMED', `No Wechatpay-${name} header`);
    return value;
  };
  const type = lower.get('wechatpay-signature-type');
  if (type !== undefined && type.trim() !== WECHATPAY_SCHEMA) {
    throw new NotificationRejectedError('BAD_SIGNATURE', `Unsupported signature type ${type}`);
  }
  return {
    timestamp: header('timestamp'),
    nonce: header('nonce'),
    signature: header('signature'),
    serial: header('serial'),
  };
}

/**
 * Checks a body WeChat Pay signed (a notification or an API response): the timestamp inside
 * the replay window, a key we hold for the serial, and SHA256withRSA over
 * `${timestamp}\n${nonce}\n${body}\n`. Throws NotificationRejectedError; returns nothing.
 */
export function verifyWechatpaySignature(
  keys: WechatpayKeySet,
  headers: Record<string, string>,
  body: string,
  now: Date,
): void {
  const signed = wechatpaySignedHeaders(headers);
  if (!/^\d{1,12}$/.test(signed.timestamp)) {
    throw new NotificationRejectedError('MALFORMED', 'Wechatpay-Timestamp is not a number');
  }
  const skewS = Math.abs(now.getTime() / 1000 - Number(signed.timestamp));
  if (skewS >= REPLAY_WINDOW_S) {
    throw new NotificationRejectedError(
      'STALE',
      `Wechatpay-Timestamp is ${Math.round(skewS)} s away from now`,
    );
  }
  const key = keys.get(signed.serial);
  if (!key) {
    throw new NotificationRejectedError('UNKNOWN_KEY', `Unknown Wechatpay-Serial ${signed.serial}`);
  }
  const message = signatureMessage(signed.timestamp, signed.nonce, body);
  if (!safeVerify(message, key, signed.signature)) {
    throw new NotificationRejectedError('BAD_SIGNATURE', 'The signature does not verify');
  }
}

function safeVerify(message: string, key: KeyObject, signature: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(key, signature, 'base64');
  } catch {
    return false;
  }
}
