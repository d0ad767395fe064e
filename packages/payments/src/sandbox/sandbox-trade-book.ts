/**
 * What the sandbox "provider" remembers about its trades, so its queryOrder can answer like
 * Alipay's trade query. The book lives in the database (api and worker share it), but this
 * package never touches the database: the apps inject an implementation (db's sandbox-trades
 * repository).
 */
export interface SandboxTradeRecord {
  outTradeNo: string;
  /** Alipay's trade_no: the notification the cashier sends carries the same one. */
  tradeNo: string;
  amountMinor: number;
  /** TRADE_SUCCESS once the buyer paid. */
  tradeStatus: string;
  paidAt: Date | null;
}

export interface SandboxTradeBook {
  find(outTradeNo: string): Promise<SandboxTradeRecord | undefined>;
}
