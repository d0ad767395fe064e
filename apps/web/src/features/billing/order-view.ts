interface OrderRef {
  id: string;
  outTradeNo: string;
  createdAt: Date;
}

/**
 * The order to highlight on /orders, which is also where a provider sends the buyer back: the
 * one the return URL names (Alipay appends `out_trade_no`), else the newest. Only a highlight:
 * the status shown is always our own row's.
 */
export function highlightedOrderId(
  orders: readonly OrderRef[],
  returned: { outTradeNo?: string; orderId?: string },
): string | null {
  const named = orders.find(
    (o) => o.id === returned.orderId || o.outTradeNo === returned.outTradeNo,
  );
  if (named) return named.id;
  let newest: OrderRef | undefined;
  for (const order of orders) {
    if (!newest || order.createdAt.getTime() > newest.createdAt.getTime()) newest = order;
  }
  return newest?.id ?? null;
}
