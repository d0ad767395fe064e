import type { PaymentProviderAdapter } from './adapter';
import { alipayAdapter } from './alipay/alipay.provider';
import type { PaymentsConfig } from './config';
import { sandboxAlipayAdapter } from './sandbox/sandbox-alipay';
import {
  ephemeralSandboxKeys,
  loadOrCreateSandboxKeys,
  type SandboxKeys,
} from './sandbox/sandbox-keys';

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
 */
export function createPaymentAdapters(
  config: PaymentsConfig | undefined,
  appUrl: string,
): PaymentAdapters {
  const base = appUrl.replace(/\/$/, '');
  const urls = (provider: CheckoutProvider) => ({
    notifyUrl: `${base}/webhooks/${WEBHOOK_PATHS[provider]}`,
    // Only where the buyer lands; payments.status reads our order row, never this URL.
    returnUrl: `${base}/orders`,
  });
  if (config?.mode === 'live') {
    const { alipay } = config.providers;
    return {
      mode: 'live',
      byProvider: {
        ...(alipay ? { ALIPAY: alipayAdapter({ ...alipay, ...urls('ALIPAY') }) } : {}),
      },
    };
  }
  const sandboxKeys = config
    ? loadOrCreateSandboxKeys(config.sandboxKeyFile)
    : ephemeralSandboxKeys();
  const cashierUrl = (orderId: string) => `${base}/sandbox/cashier/${orderId}`;
  return {
    mode: 'sandbox',
    byProvider: {
      ALIPAY: sandboxAlipayAdapter(sandboxKeys, { ...urls('ALIPAY'), cashierUrl }),
    },
    sandboxKeys,
  };
}
