import { createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import { ConfigurationError } from '@roundhouse/core';

/** One key WeChat Pay signs with, as configured: its serial and a certificate or public key. */
export interface WechatpayPlatformKey {
  /**
   * A platform certificate's serial (hex), or a WeChat Pay public key id (`PUB_KEY_ID_…`).
   * Notifications and responses name it in Wechatpay-Serial.
   */
  serial: string;
  /** A platform certificate (X.509 PEM) or a WeChat Pay public key (SPKI PEM). */
  pem: string;
}

/** The keys we accept WeChat Pay's signatures from, by serial (upper case). */
export interface WechatpayKeySet {
  get(serial: string): KeyObject | undefined;
  readonly serials: readonly string[];
}

/**
 * Both of WeChat Pay's verification modes at once: platform certificates (several during a
 * rotation, each under its own serial) and the newer WeChat Pay public key. A merchant moving
 * from one mode to the other configures both for the switch-over.
 */
export function wechatpayKeySet(keys: readonly WechatpayPlatformKey[]): WechatpayKeySet {
  if (keys.length === 0) throw new ConfigurationError('WeChat Pay needs at least one platform key');
  const bySerial = new Map<string, KeyObject>();
  for (const { serial, pem } of keys) {
    const id = normalSerial(serial);
    if (bySerial.has(id)) throw new ConfigurationError(`WeChat Pay serial ${serial} given twice`);
    bySerial.set(id, publicKeyOf(id, pem));
  }
  return {
    get: (serial) => bySerial.get(normalSerial(serial)),
    serials: [...bySerial.keys()],
  };
}

/**
 * WECHATPAY_PLATFORM_SERIAL and WECHATPAY_PLATFORM_PUBLIC_KEY as comma-separated lists of the
 * same length, paired in order (PEM text has no commas).
 */
export function parsePlatformKeys(serials: string, pems: string): WechatpayPlatformKey[] {
  const serialList = serials.split(',').map((s) => s.trim());
  const pemList = pems.split(',').map((p) => p.trim());
  if (serialList.length !== pemList.length || serialList.some((s, i) => !s || !pemList[i])) {
    throw new ConfigurationError(
      'WECHATPAY_PLATFORM_SERIAL and WECHATPAY_PLATFORM_PUBLIC_KEY must list as many entries, in the same order',
    );
  }
  return serialList.map((serial, i) => ({ serial, pem: pemList[i]! }));
}

function normalSerial(serial: string): string {
  return serial.trim().toUpperCase();
}

function publicKeyOf(serial: string, pem: string): KeyObject {
  try {
    if (pem.includes('BEGIN CERTIFICATE')) {
      const certificate = new X509Certificate(pem);
      // A certificate filed under another serial would make rotation silently wrong.
      if (normalSerial(certificate.serialNumber) !== serial) {
        throw new ConfigurationError(
          `The certificate for serial ${serial} has serial ${certificate.serialNumber}`,
        );
      }
      return certificate.publicKey;
    }
    return createPublicKey(pem);
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    throw new ConfigurationError(
      `WeChat Pay key ${serial} is neither an X.509 certificate nor a public key PEM`,
      { cause: error },
    );
  }
}
