import {
  alipayAdapter,
  ephemeralSandboxKeys,
  loadOrCreateSandboxKeys,
  type PaymentProviderAdapter,
  sandboxAlipayAdapter,
  type SandboxKeys,
} from '@roundhouse/payments';
import type { PaymentsConfig } from './payments-config';
import { fixedWindowLimiter, type RateLimiter } from './rate-limit';

/** Orders one user may open per minute. */
export const ORDER_CREATE_LIMIT = 10;

/** The payment side of the API's services. */
export interface PaymentServices {
  mode: PaymentsConfig['mode'];
  /** Verifies /webhooks/alipay and makes Alipay checkouts (the sandbox's in sandbox mode). */
  alipay: PaymentProviderAdapter;
  /** Sandbox mode only: the keys the cashier signs with. */
  sandboxKeys?: SandboxKeys;
  orderCreateLimiter: RateLimiter;
}

/** Without a config (tests): sandbox mode with a key pair generated for this process. */
export function createPaymentServices(
  config: PaymentsConfig | undefined,
  appUrl: string,
): PaymentServices {
  const base = appUrl.replace(/\/$/, '');
  const urls = {
    notifyUrl: `${base}/webhooks/alipay`,
    // Only where the buyer lands; payments.status reads our order row, never this URL.
    returnUrl: `${base}/orders`,
  };
  const orderCreateLimiter = fixedWindowLimiter(ORDER_CREATE_LIMIT, 60_000);
  if (config?.mode === 'live') {
    return {
      mode: 'live',
      alipay: alipayAdapter({ ...config.alipay, ...urls }),
      orderCreateLimiter,
    };
  }
  const sandboxKeys = config
    ? loadOrCreateSandboxKeys(config.sandboxKeyFile)
    : ephemeralSandboxKeys();
  return {
    mode: 'sandbox',
    alipay: sandboxAlipayAdapter(sandboxKeys, {
      ...urls,
      cashierUrl: (orderId) => `${base}/sandbox/cashier/${orderId}`,
    }),
    sandboxKeys,
    orderCreateLimiter,
  };
}
