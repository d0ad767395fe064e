import { ConfigurationError } from '@roundhouse/core';
import { parsePlatformKeys, type WechatpayPlatformKey } from './wechatpay/wechatpay-keys';

/** Alipay merchant credentials (DESIGN §7 ALIPAY_*). */
export interface AlipayCredentials {
  appId: string;
  sellerId: string;
  privateKey: string;
  alipayPublicKey: string;
  gateway?: string;
}

/** Stripe account keys (DESIGN §7 STRIPE_*); `apiBase` points the SDK elsewhere (tests). */
export interface StripeCredentials {
  secretKey: string;
  webhookSecret: string;
  apiBase?: string;
}

/** WeChat Pay v3 merchant credentials (DESIGN §7 WECHATPAY_*). */
export interface WechatpayCredentials {
  appId: string;
  mchId: string;
  merchantSerial: string;
  merchantPrivateKey: string;
  /** 32 bytes. */
  apiV3Key: string;
  /** Several during a certificate rotation or a switch to the WeChat Pay public key. */
  platformKeys: WechatpayPlatformKey[];
  apiBase?: string;
}

/** Live providers: each one present only when its whole key set is configured. */
export interface LiveProviders {
  alipay?: AlipayCredentials;
  wechatpay?: WechatpayCredentials;
  stripe?: StripeCredentials;
}

export type PaymentsConfig =
  /**
   * The local cashier plays the providers with keys kept in `sandboxKeyFile` (dev). Stripe has
   * no local stand-in: it is offered in sandbox mode only with (test-mode) STRIPE_* keys.
   */
  | { mode: 'sandbox'; sandboxKeyFile: string; stripe?: StripeCredentials }
  | { mode: 'live'; providers: LiveProviders };

/** A provider's env vars: all of them or none (half a set is a mistake, not "off"). */
export function providerVars<const Names extends readonly string[]>(
  env: Record<string, string | undefined>,
  provider: string,
  names: Names,
): Record<Names[number], string> | undefined {
  const value = (name: string) => env[name]?.trim() || undefined;
  const given = names.filter((name) => value(name));
  if (given.length === 0) return undefined;
  const missing = names.filter((name) => !value(name));
  if (missing.length > 0) {
    throw new ConfigurationError(`${provider} is half configured: set ${missing.join(', ')} too`);
  }
  return Object.fromEntries(names.map((name) => [name, value(name)])) as Record<
    Names[number],
    string
  >;
}

/** PEM keys often arrive with escaped newlines in .env files and secret stores. */
export function pem(value: string): string {
  return value.replaceAll('\\n', '\n');
}

function alipayFromEnv(env: Record<string, string | undefined>): AlipayCredentials | undefined {
  const vars = providerVars(env, 'Alipay', [
    'ALIPAY_APP_ID',
    'ALIPAY_PRIVATE_KEY',
    'ALIPAY_PUBLIC_KEY',
    'ALIPAY_SELLER_ID',
  ] as const);
  if (!vars) return undefined;
  const gateway = env.ALIPAY_GATEWAY?.trim();
  return {
    appId: vars.ALIPAY_APP_ID,
    sellerId: vars.ALIPAY_SELLER_ID,
    privateKey: pem(vars.ALIPAY_PRIVATE_KEY),
    alipayPublicKey: pem(vars.ALIPAY_PUBLIC_KEY),
    ...(gateway ? { gateway } : {}),
  };
}

function wechatpayFromEnv(
  env: Record<string, string | undefined>,
): WechatpayCredentials | undefined {
  const vars = providerVars(env, 'WeChat Pay', [
    'WECHATPAY_APPID',
    'WECHATPAY_MCHID',
    'WECHATPAY_MERCHANT_SERIAL',
    'WECHATPAY_MERCHANT_PRIVATE_KEY',
    'WECHATPAY_API_V3_KEY',
    'WECHATPAY_PLATFORM_SERIAL',
    'WECHATPAY_PLATFORM_PUBLIC_KEY',
  ] as const);
  if (!vars) return undefined;
  if (Buffer.byteLength(vars.WECHATPAY_API_V3_KEY, 'utf8') !== 32) {
    throw new ConfigurationError('WECHATPAY_API_V3_KEY must be the 32-character APIv3 key');
  }
  const apiBase = env.WECHATPAY_API_BASE?.trim();
  return {
    appId: vars.WECHATPAY_APPID,
    mchId: vars.WECHATPAY_MCHID,
    merchantSerial: vars.WECHATPAY_MERCHANT_SERIAL,
    merchantPrivateKey: pem(vars.WECHATPAY_MERCHANT_PRIVATE_KEY),
    apiV3Key: vars.WECHATPAY_API_V3_KEY,
    platformKeys: parsePlatformKeys(
      vars.WECHATPAY_PLATFORM_SERIAL,
      pem(vars.WECHATPAY_PLATFORM_PUBLIC_KEY),
    ),
    ...(apiBase ? { apiBase } : {}),
  };
}

function stripeFromEnv(env: Record<string, string | undefined>): StripeCredentials | undefined {
  const vars = providerVars(env, 'Stripe', ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] as const);
  if (!vars) return undefined;
  const apiBase = env.STRIPE_API_BASE?.trim();
  return {
    secretKey: vars.STRIPE_SECRET_KEY,
    webhookSecret: vars.STRIPE_WEBHOOK_SECRET,
    ...(apiBase ? { apiBase } : {}),
  };
}

/**
 * PAYMENTS_MODE and the providers' keys, from an env record (the apps' env.ts pass theirs).
 * Sandbox unless told otherwise or given provider keys (DESIGN §5): dev and tests then pay
 * through the local cashier. Live needs at least one complete provider.
 */
export function paymentsConfigFromEnv(
  env: Record<string, string | undefined>,
  sandboxKeyFile: string,
): PaymentsConfig {
  const requested = env.PAYMENTS_MODE?.trim() || undefined;
  if (requested !== undefined && requested !== 'sandbox' && requested !== 'live') {
    throw new ConfigurationError(`PAYMENTS_MODE must be sandbox or live, not "${requested}"`);
  }
  const providers: LiveProviders = {};
  const alipay = alipayFromEnv(env);
  if (alipay) providers.alipay = alipay;
  const wechatpay = wechatpayFromEnv(env);
  if (wechatpay) providers.wechatpay = wechatpay;
  const stripe = stripeFromEnv(env);
  if (stripe) providers.stripe = stripe;
  const configured = Object.keys(providers).length > 0;
  const mode = requested ?? (configured ? 'live' : 'sandbox');
  if (mode === 'sandbox') return { mode, sandboxKeyFile, ...(stripe ? { stripe } : {}) };
  if (!configured) {
    throw new ConfigurationError(
      'PAYMENTS_MODE=live needs a provider: set the ALIPAY_*, WECHATPAY_* or STRIPE_* keys',
    );
  }
  return { mode, providers };
}
