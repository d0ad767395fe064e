import { ConfigurationError } from '@roundhouse/core';

/** Alipay merchant credentials (DESIGN §7 ALIPAY_*). */
export interface AlipayCredentials {
  appId: string;
  sellerId: string;
  privateKey: string;
  alipayPublicKey: string;
  gateway?: string;
}

/** Live providers: each one present only when its whole key set is configured. */
export interface LiveProviders {
  alipay?: AlipayCredentials;
}

export type PaymentsConfig =
  /** The local cashier plays the providers with keys kept in `sandboxKeyFile` (dev). */
  { mode: 'sandbox'; sandboxKeyFile: string } | { mode: 'live'; providers: LiveProviders };

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
  const configured = Object.keys(providers).length > 0;
  const mode = requested ?? (configured ? 'live' : 'sandbox');
  if (mode === 'sandbox') return { mode, sandboxKeyFile };
  if (!configured) {
    throw new ConfigurationError('PAYMENTS_MODE=live needs a provider: set the ALIPAY_* keys');
  }
  return { mode, providers };
}
