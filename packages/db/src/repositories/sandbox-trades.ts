import type { DbOrTrx } from '../client';
import type { SandboxTradeRow } from '../schema/lifecycle';

/**
 * The sandbox provider's trade book (table sandbox_trades): the sandbox cashier writes a trade
 * when the buyer pays, the sandbox adapter's queryOrder reads it (it has the shape of
 * @roundhouse/payments' SandboxTradeBook, which this package cannot import).
 */
export interface SandboxTradeEntry {
  outTradeNo: string;
  tradeNo: string;
  amountMinor: number;
  tradeStatus: string;
  paidAt: Date | null;
}

/**
 * Records that the buyer paid `outTradeNo`. Paying twice (a double click) keeps the first
 * trade: one order, one trade_no, so every notification for it names the same transaction.
 */
export async function recordSandboxPayment(
  db: DbOrTrx,
  input: { outTradeNo: string; tradeNo: string; amountMinor: number; paidAt: Date },
): Promise<SandboxTradeEntry> {
  await db
    .insertInto('sandbox_trades')
    .values({
      out_trade_no: input.outTradeNo,
      trade_no: input.tradeNo,
      amount_minor: input.amountMinor,
      trade_status: 'TRADE_SUCCESS',
      paid_at: input.paidAt,
    })
    .onConflict((oc) => oc.column('out_trade_no').doNothing())
    .execute();
  const entry = await findSandboxTrade(db, input.outTradeNo);
  if (!entry) throw new Error(`Sandbox trade ${input.outTradeNo} vanished`);
  return entry;
}

export async function findSandboxTrade(
  db: DbOrTrx,
  outTradeNo: string,
): Promise<SandboxTradeEntry | undefined> {
  const row = await db
    .selectFrom('sandbox_trades')
    .selectAll()
    .where('out_trade_no', '=', outTradeNo)
    .executeTakeFirst();
  return row && toEntry(row);
}

/** The book as the sandbox adapter takes it. */
export function sandboxTradeBook(db: DbOrTrx): {
  find(outTradeNo: string): Promise<SandboxTradeEntry | undefined>;
} {
  return { find: (outTradeNo) => findSandboxTrade(db, outTradeNo) };
}

function toEntry(row: SandboxTradeRow): SandboxTradeEntry {
  return {
    outTradeNo: row.out_trade_no,
    tradeNo: row.trade_no,
    amountMinor: row.amount_minor,
    tradeStatus: row.trade_status,
    paidAt: row.paid_at,
  };
}
