import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decryptResource,
  encryptResource,
  generateSandboxWechatpayKeys,
  NotificationRejectedError,
  parsePlatformKeys,
  type RejectionReason,
  sandboxWechatpayNotification,
  signatureMessage,
  signWechatpayBody,
  type VerifiedNotification,
  verifyWechatpayNotification,
  type WechatpayDelivery,
  wechatpayKeySet,
  type WechatpayMerchant,
} from '../src';
import { CERT_1, CERT_2 } from './wechatpay-certificates';

const JSON_TYPE = 'application/json';
const wechat = generateSandboxWechatpayKeys();
const stranger = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
/** Both modes at once: the public key and two platform certificates (a rotation). */
const merchant: WechatpayMerchant = {
  appId: wechat.appId,
  mchId: wechat.mchId,
  apiV3Key: wechat.apiV3Key,
  keys: wechatpayKeySet([
    { serial: wechat.platformSerial, pem: wechat.platformPublicKey },
    { serial: CERT_1.serial, pem: CERT_1.certificate },
    { serial: CERT_2.serial.toLowerCase(), pem: CERT_2.certificate },
  ]),
};
/** A whole second, so "300 s old" is exactly 300 s. */
const T = new Date(Math.floor(Date.now() / 1000) * 1000);
const trade = { outTradeNo: 'RH0123456789abcdef', amountMinor: 9_900, transactionId: '4200001' };

function verify(delivery: WechatpayDelivery, contentType = JSON_TYPE, now = new Date()) {
  return verifyWechatpayNotification(
    merchant,
    { headers: delivery.headers, rawBody: delivery.body, contentType },
    now,
  );
}

function rejection(
  run: () => unknown,
): { reason: RejectionReason; verified: boolean } | 'accepted' {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (!(error instanceof NotificationRejectedError)) throw error;
    return { reason: error.reason, verified: error.verified };
  }
}

/** Re-signs a changed body with the real platform key: only the checks after the signature remain. */
function resigned(body: string): WechatpayDelivery {
  return {
    body,
    headers: signWechatpayBody(body, {
      privateKey: wechat.platformPrivateKey,
      serial: wechat.platformSerial,
    }),
  };
}

function withResource(
  delivery: WechatpayDelivery,
  change: (resource: Record<string, string>) => void,
) {
  const envelope = JSON.parse(delivery.body) as { resource: Record<string, string> };
  change(envelope.resource);
  return JSON.stringify(envelope);
}

describe('verifyWechatpayNotification accepts', () => {
  it('a payment signed with the WeChat Pay public key (PUB_KEY_ID_ serial)', () => {
    const delivery = sandboxWechatpayNotification(wechat, trade, { id: 'EV-1' });
    const notification = verify(delivery);
    expect(notification).toEqual<VerifiedNotification>({
      eventKey: 'wechatpay:EV-1',
      outTradeNo: trade.outTradeNo,
      providerTxnId: '4200001',
      amountMinor: 9_900,
      currency: 'CNY',
      appId: wechat.appId,
      merchantId: wechat.mchId,
      paid: true,
      paidAt: expect.any(Date) as Date,
      providerStatus: 'SUCCESS',
    });
    expect(Math.abs(notification.paidAt!.getTime() - Date.now())).toBeLessThan(5_000);
  });

  it.each([
    ['the current certificate', CERT_1],
    ['the certificate it rotates to (serial configured in lower case)', CERT_2],
  ])('a payment signed under %s', (_name, cert) => {
    const delivery = sandboxWechatpayNotification(wechat, trade, {
      sign: { privateKey: cert.privateKey, serial: cert.serial },
    });
    expect(verify(delivery).paid).toBe(true);
  });

  it('a trade state other than SUCCESS as verified but unpaid', () => {
    const delivery = sandboxWechatpayNotification(wechat, { ...trade, tradeState: 'NOTPAY' });
    expect(verify(delivery)).toMatchObject({ paid: false, providerStatus: 'NOTPAY' });
  });

  it('a timestamp 299 s old, and a charset on the content type', () => {
    const delivery = sandboxWechatpayNotification(wechat, trade, {
      sign: { now: new Date(T.getTime() - 299_000) },
    });
    expect(verify(delivery, 'application/json; charset=utf-8', T).paid).toBe(true);
  });
});

describe('verifyWechatpayNotification rejects', () => {
  const valid = () => sandboxWechatpayNotification(wechat, trade);

  it.each<{
    name: string;
    delivery: () => WechatpayDelivery;
    contentType?: string;
    expected: { reason: RejectionReason; verified: boolean };
  }>([
    {
      name: 'a forged signature',
      delivery: () => {
        const delivery = valid();
        const signature = Buffer.alloc(256, 7).toString('base64');
        return { ...delivery, headers: { ...delivery.headers, 'wechatpay-signature': signature } };
      },
      expected: { reason: 'BAD_SIGNATURE', verified: false },
    },
    {
      name: "WeChat's signature probe",
      delivery: () => {
        const delivery = valid();
        const probe = 'WECHATPAY/SIGNTEST/' + Buffer.alloc(32, 1).toString('base64');
        return { ...delivery, headers: { ...delivery.headers, 'wechatpay-signature': probe } };
      },
      expected: { reason: 'BAD_SIGNATURE', verified: false },
    },
    {
      name: 'a signature by another key under a known serial',
      delivery: () =>
        sandboxWechatpayNotification(wechat, trade, {
          sign: { privateKey: stranger.privateKey },
        }),
      expected: { reason: 'BAD_SIGNATURE', verified: false },
    },
    {
      name: "a certificate's key signing under the other certificate's serial",
      delivery: () =>
        sandboxWechatpayNotification(wechat, trade, {
          sign: { privateKey: CERT_1.privateKey, serial: CERT_2.serial },
        }),
      expected: { reason: 'BAD_SIGNATURE', verified: false },
    },
    {
      name: 'an unknown serial',
      delivery: () =>
        sandboxWechatpayNotification(wechat, trade, {
          sign: { privateKey: stranger.privateKey, serial: 'PUB_KEY_ID_0000UNKNOWN' },
        }),
      expected: { reason: 'UNKNOWN_KEY', verified: false },
    },
    {
      name: 'a body changed after signing',
      delivery: () => {
        const delivery = valid();
        return { ...delivery, body: delivery.body.replace('TRANSACTION.SUCCESS', 'TRANSACTION.X') };
      },
      expected: { reason: 'BAD_SIGNATURE', verified: false },
    },
    {
      name: 'a timestamp exactly 300 s old',
      delivery: () =>
        sandboxWechatpayNotification(wechat, trade, {
          sign: { now: new Date(T.getTime() - 300_000) },
        }),
      expected: { reason: 'STALE', verified: false },
    },
    {
      name: 'a timestamp 300 s in the future',
      delivery: () =>
        sandboxWechatpayNotification(wechat, trade, {
          sign: { now: new Date(T.getTime() + 300_000) },
        }),
      expected: { reason: 'STALE', verified: false },
    },
    {
      name: 'a missing Wechatpay-Serial header',
      delivery: () => {
        const { 'wechatpay-serial': _serial, ...headers } = valid().headers;
        return { ...valid(), headers };
      },
      expected: { reason: 'MALFORMED', verified: false },
    },
    {
      name: 'another signature type',
      delivery: () => {
        const delivery = valid();
        const headers = { ...delivery.headers, 'wechatpay-signature-type': 'WECHATPAY2-SM2' };
        return { ...delivery, headers };
      },
      expected: { reason: 'BAD_SIGNATURE', verified: false },
    },
    {
      name: 'the wrong content type',
      delivery: valid,
      contentType: 'application/x-www-form-urlencoded',
      expected: { reason: 'WRONG_CONTENT_TYPE', verified: false },
    },
    {
      name: 'a tampered GCM tag (re-signed)',
      delivery: () =>
        resigned(
          withResource(valid(), (resource) => {
            const data = Buffer.from(resource.ciphertext!, 'base64');
            data[data.length - 1]! ^= 1;
            resource.ciphertext = data.toString('base64');
          }),
        ),
      expected: { reason: 'UNDECRYPTABLE', verified: true },
    },
    {
      name: 'tampered associated_data (re-signed)',
      delivery: () =>
        resigned(withResource(valid(), (resource) => (resource.associated_data = 'refund'))),
      expected: { reason: 'UNDECRYPTABLE', verified: true },
    },
    {
      name: 'a ciphertext too short to hold a tag (re-signed)',
      delivery: () => resigned(withResource(valid(), (resource) => (resource.ciphertext = 'AAAA'))),
      expected: { reason: 'UNDECRYPTABLE', verified: true },
    },
    {
      name: 'a body that is not JSON (re-signed)',
      delivery: () => resigned('{"id": '),
      expected: { reason: 'MALFORMED', verified: true },
    },
    {
      name: 'an empty body (re-signed)',
      delivery: () => resigned(''),
      expected: { reason: 'MALFORMED', verified: true },
    },
    {
      name: 'another appid',
      delivery: () =>
        sandboxWechatpayNotification(wechat, trade, { transaction: { appid: 'wx-other' } }),
      expected: { reason: 'MERCHANT_MISMATCH', verified: true },
    },
    {
      name: 'another mchid',
      delivery: () =>
        sandboxWechatpayNotification(wechat, trade, { transaction: { mchid: '1900000001' } }),
      expected: { reason: 'MERCHANT_MISMATCH', verified: true },
    },
    {
      name: 'an amount in another currency',
      delivery: () =>
        sandboxWechatpayNotification(wechat, trade, {
          transaction: { amount: { total: 9_900, currency: 'USD' } },
        }),
      expected: { reason: 'MALFORMED', verified: true },
    },
    {
      name: 'a fractional amount',
      delivery: () =>
        sandboxWechatpayNotification(wechat, trade, {
          transaction: { amount: { total: 99.5, currency: 'CNY' } },
        }),
      expected: { reason: 'MALFORMED', verified: true },
    },
  ])('$name', ({ delivery, contentType, expected }) => {
    const built = delivery();
    expect(rejection(() => verify(built, contentType, T))).toEqual(expected);
  });

  it('with an APIv3 key that is not ours', () => {
    const delivery = sandboxWechatpayNotification({ ...wechat, apiV3Key: 'x'.repeat(32) }, trade);
    expect(rejection(() => verify(delivery))).toEqual({ reason: 'UNDECRYPTABLE', verified: true });
  });
});

describe('AEAD_AES_256_GCM resources', () => {
  it('round-trips, and the associated data is bound to the ciphertext', () => {
    const resource = encryptResource('{"a":1}', wechat.apiV3Key, 'transaction');
    expect(decryptResource(resource, wechat.apiV3Key)).toBe('{"a":1}');
    expect(() => decryptResource({ ...resource, associated_data: '' }, wechat.apiV3Key)).toThrow();
    expect(() =>
      decryptResource({ ...resource, nonce: 'AAAAAAAAAAAA' }, wechat.apiV3Key),
    ).toThrow();
  });

  it('decrypts the example of WeChat Pay docs-style input with an empty associated_data', () => {
    const resource = encryptResource('plain', wechat.apiV3Key, '');
    expect(decryptResource(resource, wechat.apiV3Key)).toBe('plain');
  });
});

describe('platform key configuration', () => {
  it('pairs comma-separated serials and keys in order', () => {
    const pairs = parsePlatformKeys(
      `${CERT_1.serial}, ${wechat.platformSerial}`,
      `${CERT_1.certificate},${wechat.platformPublicKey}`,
    );
    expect(pairs.map((pair) => pair.serial)).toEqual([CERT_1.serial, wechat.platformSerial]);
    expect(wechatpayKeySet(pairs).serials).toHaveLength(2);
  });

  it.each([
    ['lists of different lengths', () => parsePlatformKeys('A,B', CERT_1.certificate)],
    [
      'a certificate under another serial',
      () => wechatpayKeySet([{ serial: CERT_2.serial, pem: CERT_1.certificate }]),
    ],
    ['a key that is not PEM', () => wechatpayKeySet([{ serial: 'PUB_KEY_ID_1', pem: 'nope' }])],
    ['no key at all', () => wechatpayKeySet([])],
    [
      'the same serial twice',
      () =>
        wechatpayKeySet([
          { serial: CERT_1.serial, pem: CERT_1.certificate },
          { serial: CERT_1.serial.toLowerCase(), pem: CERT_1.certificate },
        ]),
    ],
  ])('refuses %s with a configuration error', (_name, build) => {
    expect(build).toThrow(expect.objectContaining({ errorClass: 'CONFIGURATION' }) as Error);
  });
});

describe('signature messages', () => {
  it('are lines, each ending in \\n (the last one too), as v3 signs them', () => {
    expect(signatureMessage('1700000000', 'abc', '{"a":1}')).toBe('1700000000\nabc\n{"a":1}\n');
    expect(signatureMessage('GET', '/v3/x?mchid=1', '1700000000', 'n', '')).toBe(
      'GET\n/v3/x?mchid=1\n1700000000\nn\n\n',
    );
  });
});
