import type { PaymentProviderAdapter } from './adapter';
import { alipayAdapter } from './alipay/alipay.provider';
import type { PaymentsConfig, StripeCredentials } from './config';
import { sandboxAlipayAdapter } from './sandbox/sandbox-alipay';
import { stripeAdapter } from './stripe/stripe.provider';
import { sandboxWechatpayAdapter } from './sandbox/sandbox-wechatpay';
import type { SandboxTradeBook } from './sandbox/sandbox-trade-book';
import {
  ephemeralSandboxKeys,
  loadOrCreateSandboxKeys,
  type SandboxKeys,
} from './sandbox/sandbox-keys';
import { wechatpayAdapter } from './wechatpay/wechatpay.provider';

/** What a customer may choose at checkout; SANDBOX is a mode of the server, not a choice. */
export const CHECKOUT_PROVIDERS = ['ALIPAY', 'WECHATPAY', 'STRIPE'] as const;
export type CheckoutProvider = (typeof CHECKOUT_PROVIDERS)[number];

/** `/webhooks/<path>` where each checkout provider posts its notifications. */
export const WEBHOOK_PATHS: Record<CheckoutProvider, string> = {
  ALIPAY: 'alipay',
  WECHATPAY: 'wechatpay',
  STRIPE: 'stripe',
};

export interface PaymentAdapters {
  mode: PaymentsConfig['mode'];
  /** The adapter behind each checkout option; a missing one is not offered. */
  byProvider: Partial<Record<CheckoutProvider, PaymentProviderAdapter>>;
  /** Sandbox mode only: the keys the cashier signs with. */
  sandboxKeys?: SandboxKeys;
}

/**
 * Builds the adapters of a configuration; the api (checkout, webhooks) and the worker
 * (reconciliation, refunds) share this. Without a config (tests): sandbox mode with keys
 * generated for this process. `appUrl` is the API's public URL (notify and return URLs).
 * `sandboxTradeBook` lets the sandbox answer queryOrder (reconciliation).
 */
export function createPaymentAdapters(
  config: PaymentsConfig | undefined,
  appUrl: string,
  options: { sandboxTradeBook?: SandboxTradeBook } = {},
): PaymentAdapters {
  const base = appUrl.replace(/\/$/, '');
  const urls = (provider: CheckoutProvider) => ({
    notifyUrl: `${base}/webhooks/${WEBHOOK_PATHS[provider]}`,
    // Only where the buyer lands; payments.status reads our order row, never this URL.
    returnUrl: `${base}/orders`,
  });
  // Stripe sends the buyer back to the web app's own pages (success and cancel).
  const stripe = (credentials: StripeCredentials | undefined) =>
    credentials ? { STRIPE: stripeAdapter({ ...credentials, webUrl: base }) } : {};
  if (config?.mode === 'live') {
    const { alipay, wechatpay } = config.providers;
    return {
      mode: 'live',
      byProvider: {
        ...(alipay ? { ALIPAY: alipayAdapter({ ...alipay, ...urls('ALIPAY') }) } : {}),
        ...(wechatpay
          ? { WECHATPAY: wechatpayAdapter({ ...wechatpay, ...urls('WECHATPAY') }) }
          : {}),
        ...stripe(config.providers.stripe),
      },
    };
  }
  const sandboxKeys = config
    ? loadOrCreateSandboxKeys(config.sandboxKeyFile)
    : ephemeralSandboxKeys();
  const cashierUrl = (orderId: string) => `${base}/sandbox/cashier/${orderId}`;
  const sandboxAlipay: PaymentProviderAdapter = {
    ...sandboxAlipayAdapter(
      sandboxKeys,
      { ...urls('ALIPAY'), cashierUrl },
      options.sandboxTradeBook,
    ),
    // Its cashier link, where the WeChat option has a QR (orders.create tells them apart).
    checkoutKind: 'redirect',
  };
  return {
    mode: 'sandbox',
    byProvider: {
      ...stripe(config?.stripe),
      ALIPAY: sandboxAlipay,
      // Same cashier in WeChat format; its trade book and refunds are the sandbox's one set.
      WECHATPAY: sandboxWechatpayAdapter(
        sandboxKeys,
        { ...urls('WECHATPAY'), cashierUrl },
        sandboxAlipay,
      ),
    },
    sandboxKeys,
  };
}
