export * from './adapter';
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
