import type { Order } from '@roundhouse/db';
import {
  sandboxWechatpayNotification,
  type SandboxWechatpayKeys,
  signWechatpayBody,
  type WechatpayDelivery,
} from '@roundhouse/payments';
import type { TestApi } from './harness';
import { sandboxKeysOf } from './payments-fixtures';

export const JSON_TYPE = 'application/json';

/** The sandbox's WeChat Pay keys the test API verifies with. */
export function wechatKeysOf(api: TestApi): SandboxWechatpayKeys {
  return sandboxKeysOf(api).wechatpay;
}

/** A signed, encrypted WeChat Pay notification paying `order` in full. */
export function wechatNotification(
  api: TestApi,
  order: Pick<Order, 'out_trade_no' | 'amount_minor'>,
  options: Parameters<typeof sandboxWechatpayNotification>[2] & { transactionId?: string } = {},
): WechatpayDelivery {
  return sandboxWechatpayNotification(
    wechatKeysOf(api),
    {
      outTradeNo: order.out_trade_no,
      amountMinor: order.amount_minor,
      ...(options.transactionId ? { transactionId: options.transactionId } : {}),
    },
    options,
  );
}

/** `body` signed again with the real platform key: only the checks after the signature remain. */
export function resigned(api: TestApi, body: string): WechatpayDelivery {
  const keys = wechatKeysOf(api);
  return {
    body,
    headers: signWechatpayBody(body, {
      privateKey: keys.platformPrivateKey,
      serial: keys.platformSerial,
    }),
  };
}

/** The notification's encrypted resource changed by `change` (the envelope is re-serialised). */
export function withResource(
  delivery: WechatpayDelivery,
  change: (resource: Record<string, string>) => void,
): string {
  const envelope = JSON.parse(delivery.body) as { resource: Record<string, string> };
  change(envelope.resource);
  return JSON.stringify(envelope);
}

export async function postWechatpay(
  api: TestApi,
  delivery: WechatpayDelivery,
  contentType = JSON_TYPE,
): Promise<{ status: number; body: string; contentType: string | null }> {
  const response = await api.fetch('/webhooks/wechatpay', {
    method: 'POST',
    headers: { ...delivery.headers, 'content-type': contentType },
    body: delivery.body,
  });
  return {
    status: response.status,
    body: await response.text(),
    contentType: response.headers.get('content-type'),
  };
}
