/** What env.ts reads for payments (PAYMENTS_MODE, ALIPAY_*); payment-services.ts builds from it. */
export interface AlipayCredentials {
  appId: string;
  sellerId: string;
  privateKey: string;
  alipayPublicKey: string;
  gateway?: string;
}

export type PaymentsConfig =
  /** The local cashier plays the provider with keys kept in `sandboxKeyFile` (dev). */
  { mode: 'sandbox'; sandboxKeyFile: string } | { mode: 'live'; alipay: AlipayCredentials };
