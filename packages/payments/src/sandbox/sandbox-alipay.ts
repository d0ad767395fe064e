import { randomUUID } from 'node:crypto';
import { fenToYuanString } from '@roundhouse/core';
import type { PaymentProviderAdapter } from '../adapter';
import { ALIPAY_PAID_STATUSES, formatAlipayTime } from '../alipay/alipay-notification';
import { alipayAdapter } from '../alipay/alipay.provider';
import { signAlipayForm } from '../alipay/alipay-sign';
import type { SandboxKeys } from './sandbox-keys';
import type { SandboxTradeBook } from './sandbox-trade-book';

export interface SandboxTrade {
  outTradeNo: string;
  amountMinor: number;
  /** Default TRADE_SUCCESS. */
  tradeStatus?: string;
  /** Alipay's trade_no; default a fresh one (the cashier passes its trade book's). */
  tradeNo?: string;
}

/**
 * The sandbox (PAYMENTS_MODE=sandbox): not a fake, but "Alipay" played locally. Orders are
 * recorded with provider SANDBOX, checkouts send the buyer to our own cashier page, and the
 * notifications it signs go through the same Alipay adapter as production, verified with the
 * sandbox public key.
 */
export function sandboxAlipayAdapter(
  keys: SandboxKeys,
  urls: { cashierUrl: (orderId: string) => string; notifyUrl: string; returnUrl: string },
  book?: SandboxTradeBook,
): PaymentProviderAdapter {
  return alipayAdapter(
    {
      appId: keys.appId,
      sellerId: keys.sellerId,
      privateKey: keys.appPrivateKey,
      alipayPublicKey: keys.alipayPublicKey,
      notifyUrl: urls.notifyUrl,
      returnUrl: urls.returnUrl,
    },
    {
      provider: 'SANDBOX',
      createCheckout: async (order) => ({ kind: 'redirect', url: urls.cashierUrl(order.id) }),
      // Answers from the trade book the cashier writes when the buyer pays; without a book
      // (a process that never reconciles) the sandbox has "never heard of" any trade.
      queryOrder: async (outTradeNo) => {
        const trade = await book?.find(outTradeNo);
        if (!trade) return { found: false };
        return {
          found: true,
          paid: ALIPAY_PAID_STATUSES.has(trade.tradeStatus),
          providerTxnId: trade.tradeNo,
          amountMinor: trade.amountMinor,
          providerStatus: trade.tradeStatus,
        };
      },
      // Nothing to move back: the sandbox took no money. The request number names the refund.
      refund: async (request) => ({
        status: 'SUCCEEDED',
        providerRefundId: `SBXR-${request.refundNo}`,
      }),
    },
  );
}

/**
 * The form body Alipay would POST for a trade, signed with the sandbox's Alipay key.
 * `overrides` replaces or adds params after the defaults (tests tamper with them).
 */
export function sandboxAlipayNotification(
  keys: Pick<SandboxKeys, 'appId' | 'sellerId'>,
  trade: SandboxTrade,
  privateKey: string,
  overrides: Record<string, string> = {},
): string {
  const now = new Date();
  const params: Record<string, string> = {
    notify_time: formatAlipayTime(now),
    notify_type: 'trade_status_sync',
    notify_id: randomUUID().replaceAll('-', ''),
    charset: 'utf-8',
    version: '1.0',
    app_id: keys.appId,
    seller_id: keys.sellerId,
    out_trade_no: trade.outTradeNo,
    trade_no: trade.tradeNo ?? sandboxTradeNo(now),
    trade_status: trade.tradeStatus ?? 'TRADE_SUCCESS',
    total_amount: fenToYuanString(trade.amountMinor),
    receipt_amount: fenToYuanString(trade.amountMinor),
    gmt_create: formatAlipayTime(now),
    gmt_payment: formatAlipayTime(now),
    ...overrides,
  };
  return signAlipayForm(params, privateKey);
}

/** A fresh Alipay-style trade_no for a sandbox payment. */
export function sandboxTradeNo(now = new Date()): string {
  return `SBX${now.getTime()}${randomUUID().slice(0, 8)}`;
}
