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
  type StripeCredentials,
  type WechatpayCredentials,
} from './config';
export {
  ALIPAY_PAID_STATUSES,
  alipayPublicKey,
  formatAlipayTime,
  parseAlipayTime,
  verifyAlipayNotification,
  type AlipayMerchant,
  type AlipayPublicKey,
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
  sandboxTradeNo,
  type SandboxTrade,
} from './sandbox/sandbox-alipay';
export type { SandboxTradeBook, SandboxTradeRecord } from './sandbox/sandbox-trade-book';
export {
  ephemeralSandboxKeys,
  generateSandboxKeys,
  loadOrCreateSandboxKeys,
  generateSandboxWechatpayKeys,
  type SandboxKeys,
  type SandboxWechatpayKeys,
} from './sandbox/sandbox-keys';
export {
  sandboxTransactionId,
  sandboxWechatpayAdapter,
  sandboxWechatpayNotification,
  signWechatpayBody,
  WECHATPAY_CASHIER_FORMAT,
  type SandboxWechatpayTrade,
  type WechatpayDelivery,
  type WechatpaySigningKey,
} from './sandbox/sandbox-wechatpay';
export {
  decryptResource,
  encryptResource,
  type EncryptedResource,
} from './wechatpay/wechatpay-aead';
export {
  parsePlatformKeys,
  wechatpayKeySet,
  type WechatpayKeySet,
  type WechatpayPlatformKey,
} from './wechatpay/wechatpay-keys';
export {
  verifyWechatpayNotification,
  type WechatpayMerchant,
} from './wechatpay/wechatpay-notification';
export {
  authorizationHeader,
  REPLAY_WINDOW_S,
  signatureMessage,
  verifyWechatpaySignature,
  WECHATPAY_SCHEMA,
  type MerchantSigner,
} from './wechatpay/wechatpay-signature';
export { WECHATPAY_API_BASE } from './wechatpay/wechatpay-client';
export {
  formatWechatpayTime,
  wechatpayAdapter,
  type WechatpayAdapterOptions,
  type WechatpayConfig,
} from './wechatpay/wechatpay.provider';
export {
  DOCUMENT_LANGUAGES,
  INVOICE_LABELS,
  type DocumentLanguage,
  type InvoiceDocument,
} from './invoices/invoice-document';
export { renderInvoiceHtml } from './invoices/invoice-html';
export { pdfSafeText, renderInvoicePdf } from './invoices/invoice-pdf';
export { stripeAdapter, type StripeConfig } from './stripe/stripe.provider';
export { STRIPE_TOLERANCE_SECONDS } from './stripe/stripe-events';
export {
  checkoutCompletedEvent,
  invoicePaidEvent,
  signStripeBody,
  signStripeEvent,
  stripeEventId,
  subscriptionDeletedEvent,
  type SignedStripeEvent,
  type StripeTestEvent,
} from './stripe/stripe-test-events';
