import { getPlan } from '@roundhouse/core';
import type { Order } from '@roundhouse/db';
import type { Checkout } from '@roundhouse/payments';

export function orderDto(order: Order) {
  return {
    id: order.id,
    plan: order.plan,
    planName: { ...getPlan(order.plan).name },
    kind: order.kind,
    provider: order.provider,
    outTradeNo: order.out_trade_no,
    amountMinor: order.amount_minor,
    currency: order.currency,
    status: order.status,
    subscriptionId: order.subscription_id,
    /** Where to send the buyer (page pay / sandbox cashier) or the QR payload to show. */
    checkout: (order.checkout as Checkout | null) ?? null,
    paidAt: order.paid_at,
    expiresAt: order.expires_at,
    createdAt: order.created_at,
  };
}

export type OrderDto = ReturnType<typeof orderDto>;
