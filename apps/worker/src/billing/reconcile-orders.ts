import { ConfigurationError, type PaymentProvider } from '@roundhouse/core';
import type { Order } from '@roundhouse/db';
import {
  claimOrdersToReconcile,
  closeExpiredOrder,
  type ReconcileSettings,
} from '@roundhouse/db/repositories/order-reconciliation';
import { settleNotification } from '@roundhouse/db/repositories/payments';
import type { PaymentAdapters, PaymentProviderAdapter } from '@roundhouse/payments';
import type { TaskContext } from '../define-task';

/** Orders per claim, and claims per run: a run stays short even with a large backlog. */
const BATCH_SIZE = 20;
const MAX_BATCHES_PER_RUN = 10;
/** Per-order backoff between provider queries: 1 min, 2, 4, 8, then every 10 min. */
const BASE_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 600_000;

export type ReconcileOutcome = 'settled' | 'closed' | 'pending' | 'failed';
export type ReconcileSummary = Record<ReconcileOutcome, number>;

/**
 * reconcile_orders: notifications get lost, so orders still CREATED after a few minutes are
 * asked about at their provider. Paid → settled by the very code a notification goes through,
 * under the event key `query:<transaction id>`: the real notification arriving later finds the
 * order PAID by the same transaction and is a DUPLICATE. Not paid → nothing until the checkout
 * expires, then CLOSED. A provider that fails to answer changes nothing; the order's backoff
 * brings it back on a later run.
 */
export async function reconcileOrders(ctx: TaskContext): Promise<ReconcileSummary> {
  if (!ctx.payments) throw new ConfigurationError('reconcile_orders needs the payment adapters');
  const adapters = adaptersByProvider(ctx.payments);
  const settings: ReconcileSettings = {
    minAgeMs: ctx.config.billing.reconcileAfterMs,
    batchSize: BATCH_SIZE,
    baseBackoffMs: BASE_BACKOFF_MS,
    maxBackoffMs: MAX_BACKOFF_MS,
  };
  const summary: ReconcileSummary = { settled: 0, closed: 0, pending: 0, failed: 0 };
  const now = ctx.now();
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
    const orders = await claimOrdersToReconcile(ctx.db, now, settings);
    for (const order of orders) summary[await reconcileOrder(ctx, adapters, order, now)]++;
    if (orders.length < BATCH_SIZE) break;
  }
  if (summary.settled + summary.closed + summary.failed > 0) {
    ctx.logger.info(summary, 'orders reconciled');
  }
  return summary;
}

async function reconcileOrder(
  ctx: TaskContext,
  adapters: ReadonlyMap<PaymentProvider, PaymentProviderAdapter>,
  order: Order,
  now: Date,
): Promise<ReconcileOutcome> {
  const log = ctx.logger.child({ orderId: order.id, provider: order.provider });
  const adapter = adapters.get(order.provider);
  if (!adapter) {
    // e.g. a sandbox order after switching to live: nobody can be asked, so it is left open.
    log.warn('reconcile: no adapter for the order provider');
    return 'failed';
  }
  try {
    // Stripe finds its Checkout Session through the checkout stored with the order.
    const queried = await adapter.queryOrder(order.out_trade_no, order.checkout);
    if (queried.found && queried.paid && queried.providerTxnId) {
      const result = await settleNotification(ctx.db, {
        provider: order.provider,
        notification: {
          eventKey: `query:${queried.providerTxnId}`,
          outTradeNo: order.out_trade_no,
          providerTxnId: queried.providerTxnId,
          amountMinor: queried.amountMinor,
          // A trade query names no currency: the trade is in the currency it was opened in.
          currency: order.currency,
          paid: true,
          paidAt: null,
        },
        rawBodyRedacted: JSON.stringify({ source: 'reconcile_orders', ...queried }),
        headers: {},
        template: {
          projectId: ctx.config.railway.templateProjectId,
          serviceId: ctx.config.railway.templateServiceId ?? null,
        },
      });
      const level = result.outcome === 'REJECTED' ? 'error' : 'info';
      log[level]({ outcome: result.outcome, detail: result.detail }, 'reconcile: paid at provider');
      return 'settled';
    }
    if (order.expires_at !== null && order.expires_at.getTime() <= now.getTime()) {
      return (await closeExpiredOrder(ctx.db, order.id, now)) ? 'closed' : 'pending';
    }
    return 'pending';
  } catch (error) {
    log.warn({ err: error, attempts: order.reconcile_attempts }, 'reconcile: will retry later');
    return 'failed';
  }
}

/** Adapters by the provider they record on orders (sandbox mode: 'SANDBOX'). */
function adaptersByProvider(
  payments: PaymentAdapters,
): ReadonlyMap<PaymentProvider, PaymentProviderAdapter> {
  return new Map(
    Object.values(payments.byProvider).map((adapter) => [adapter.provider, adapter] as const),
  );
}
