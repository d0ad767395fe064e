import {
  sandboxAlipayNotification,
  sandboxTradeNo,
  sandboxTransactionId,
  sandboxWechatpayNotification,
  type SandboxKeys,
  WECHATPAY_CASHIER_FORMAT,
} from '@roundhouse/payments';

/**
 * Which provider the sandbox cashier plays for a payment. The WeChat option's checkout (the QR
 * the buyer scans) is the cashier URL with `?format=wechatpay`; the page carries the query on
 * to its "pay" form. Both formats settle the same SANDBOX order; only the wire format differs.
 */
export type CashierFormat = 'alipay' | typeof WECHATPAY_CASHIER_FORMAT;

export function cashierFormat(query: string | undefined): CashierFormat {
  return query === WECHATPAY_CASHIER_FORMAT ? WECHATPAY_CASHIER_FORMAT : 'alipay';
}

/** What the cashier's pay form adds to its action: nothing for the default (Alipay). */
export function formatQuery(format: CashierFormat): string {
  return format === 'alipay' ? '' : `?format=${format}`;
}

/** The provider's transaction id for a new sandbox payment, in that provider's style. */
export function newSandboxTradeNo(format: CashierFormat): string {
  return format === WECHATPAY_CASHIER_FORMAT ? sandboxTransactionId() : sandboxTradeNo();
}

export interface SandboxPayment {
  outTradeNo: string;
  amountMinor: number;
  tradeNo: string;
}

/**
 * Signs the notification the provider would send for a payment (Alipay: an RSA2-signed form;
 * WeChat Pay: the AES-GCM encrypted transaction in a signed JSON envelope) and POSTs it to our
 * own webhook at `origin`. `ok` is the provider's own notion of success.
 */
export async function deliverSandboxNotification(
  origin: string,
  keys: SandboxKeys,
  format: CashierFormat,
  payment: SandboxPayment,
): Promise<{ status: number; answer: string; ok: boolean }> {
  const request =
    format === WECHATPAY_CASHIER_FORMAT
      ? wechatpayRequest(keys, payment)
      : alipayRequest(keys, payment);
  const delivered = await fetch(new URL(request.path, origin), {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(10_000),
  });
  const answer = await delivered.text();
  return { status: delivered.status, answer, ok: request.isSuccess(delivered.status, answer) };
}

interface DeliveryRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  isSuccess(status: number, answer: string): boolean;
}

function alipayRequest(keys: SandboxKeys, payment: SandboxPayment): DeliveryRequest {
  return {
    path: '/webhooks/alipay',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: sandboxAlipayNotification(
      keys,
      {
        outTradeNo: payment.outTradeNo,
        amountMinor: payment.amountMinor,
        tradeNo: payment.tradeNo,
      },
      keys.alipayPrivateKey,
    ),
    // Alipay retries until it reads exactly this.
    isSuccess: (status, answer) => status === 200 && answer === 'success',
  };
}

function wechatpayRequest(keys: SandboxKeys, payment: SandboxPayment): DeliveryRequest {
  const delivery = sandboxWechatpayNotification(keys.wechatpay, {
    outTradeNo: payment.outTradeNo,
    amountMinor: payment.amountMinor,
    transactionId: payment.tradeNo,
  });
  return {
    path: '/webhooks/wechatpay',
    headers: { 'content-type': 'application/json', ...delivery.headers },
    body: delivery.body,
    // WeChat Pay takes any 2xx as received.
    isSuccess: (status) => status >= 200 && status < 300,
  };
}
