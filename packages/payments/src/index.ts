export * from './adapter';
export {
  CHECKOUT_PROVIDERS,
  createPaymentAdapters,
  WEBHOOK_PATHS,
  type CheckoutProvider,
  type PaymentAdapters,
} from './adapters';
export {
  paymentsConfigFromEnv,
  pem,
  providerVars,
  type AlipayCredentials,
  type LiveProviders,
  type PaymentsConfig,
} from './config';
export {
  formatAlipayTime,
  parseAlipayTime,
  verifyAlipayNotification,
  type AlipayMerchant,
} from './alipay/alipay-notification';
export { signAlipayForm } from './alipay/alipay-sign';
export {
  alipayAdapter,
  type AlipayAdapterOptions,
  type AlipayConfig,
} from './alipay/alipay.provider';
export {
  sandboxAlipayAdapter,
  sandboxAlipayNotification,
  type SandboxTrade,
} from './sandbox/sandbox-alipay';
export {
  ephemeralSandboxKeys,
  generateSandboxKeys,
  loadOrCreateSandboxKeys,
  type SandboxKeys,
} from './sandbox/sandbox-keys';
