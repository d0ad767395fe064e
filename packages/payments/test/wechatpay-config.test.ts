import { describe, expect, it } from 'vitest';
import { createPaymentAdapters, ephemeralSandboxKeys, paymentsConfigFromEnv } from '../src';
import { CERT_1 } from './wechatpay-certificates';

const wechat = ephemeralSandboxKeys().wechatpay;
const escaped = (pem: string) => pem.replaceAll('\n', '\\n');
const ENV = {
  WECHATPAY_APPID: wechat.appId,
  WECHATPAY_MCHID: wechat.mchId,
  WECHATPAY_MERCHANT_SERIAL: wechat.merchantSerial,
  WECHATPAY_MERCHANT_PRIVATE_KEY: escaped(wechat.merchantPrivateKey),
  WECHATPAY_API_V3_KEY: wechat.apiV3Key,
  // A rotation between a platform certificate and the WeChat Pay public key.
  WECHATPAY_PLATFORM_SERIAL: `${CERT_1.serial},${wechat.platformSerial}`,
  WECHATPAY_PLATFORM_PUBLIC_KEY: `${escaped(CERT_1.certificate)},${escaped(wechat.platformPublicKey)}`,
};

describe('WECHATPAY_* configuration', () => {
  it('a complete set means live WeChat Pay, with every platform key paired to its serial', () => {
    const config = paymentsConfigFromEnv({ ...ENV, WECHATPAY_API_BASE: 'http://127.0.0.1:9' }, 'x');
    if (config.mode !== 'live') throw new Error('expected live');
    expect(config.providers.wechatpay).toMatchObject({
      appId: wechat.appId,
      mchId: wechat.mchId,
      merchantPrivateKey: wechat.merchantPrivateKey,
      apiBase: 'http://127.0.0.1:9',
      platformKeys: [
        { serial: CERT_1.serial, pem: CERT_1.certificate.trim() },
        { serial: wechat.platformSerial, pem: wechat.platformPublicKey.trim() },
      ],
    });
    const adapter = createPaymentAdapters(config, 'https://rh.example').byProvider.WECHATPAY;
    expect(adapter).toMatchObject({
      provider: 'WECHATPAY',
      currencies: ['CNY'],
      checkoutKind: 'qr',
    });
  });

  it.each([
    ['half a set', { WECHATPAY_APPID: 'wx1' }, /half configured/],
    ['an APIv3 key that is not 32 bytes', { ...ENV, WECHATPAY_API_V3_KEY: 'short' }, /32/],
    [
      'serials and keys that do not pair',
      { ...ENV, WECHATPAY_PLATFORM_SERIAL: CERT_1.serial },
      /as many/,
    ],
  ])('refuses %s', (_name, env, message) => {
    expect(() => paymentsConfigFromEnv(env, 'x')).toThrow(message);
  });

  it('a certificate filed under the wrong serial fails when the adapters are built', () => {
    const config = paymentsConfigFromEnv(
      { ...ENV, WECHATPAY_PLATFORM_SERIAL: `ABCDEF,${wechat.platformSerial}` },
      'x',
    );
    expect(() => createPaymentAdapters(config, 'https://rh.example')).toThrow(/has serial/);
  });
});
