import { formatMinor, getPlan } from '@roundhouse/core';
import type { Order } from '@roundhouse/db';
import { findOrder } from '@roundhouse/db/repositories/orders';
import { recordSandboxPayment } from '@roundhouse/db/repositories/sandbox-trades';
import type { SandboxKeys } from '@roundhouse/payments';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { ApiServices } from '../context';
import {
  cashierFormat,
  deliverSandboxNotification,
  formatQuery,
  newSandboxTradeNo,
} from './sandbox-delivery';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The sandbox cashier (PAYMENTS_MODE=sandbox only): plays Alipay's checkout page, or WeChat
 * Pay's with `?format=wechatpay` (the WeChat option's QR). "Pay" signs a real notification of
 * that format with the sandbox keys and POSTs it over HTTP to our own /webhooks/alipay or
 * /webhooks/wechatpay, so the payment is verified and settled by exactly the production path.
 */
export function sandboxCashierRoutes(services: ApiServices, keys: SandboxKeys): Hono {
  const app = new Hono();

  app.get('/cashier/:orderId', async (c) => {
    const order = await sandboxOrder(services, c.req.param('orderId'));
    if (!order) return c.html(page('Unknown order', html`<p>No such sandbox order.</p>`), 404);
    const plan = getPlan(order.plan);
    const payable = isPayable(order);
    const format = cashierFormat(c.req.query('format'));
    return c.html(
      page(
        'Sandbox cashier',
        html`<p>${plan.name.en} — ${formatMinor(order.amount_minor, order.currency)}</p>
          <p>Order ${order.out_trade_no}: ${order.status}</p>
          ${
            payable
              ? html`<p>Paying with ${format === 'alipay' ? 'Alipay' : 'WeChat Pay'} (sandbox)</p>
                  <form
                    method="post"
                    action="/sandbox/cashier/${order.id}/pay${formatQuery(format)}"
                  >
                    <button type="submit">Pay</button>
                    <button type="submit" name="notify" value="no">Pay without notifying</button>
                  </form>`
              : html`<p>This order cannot be paid.</p>`
          }`,
      ),
    );
  });

  app.post('/cashier/:orderId/pay', async (c) => {
    const order = await sandboxOrder(services, c.req.param('orderId'));
    if (!order) return c.html(page('Unknown order', html`<p>No such sandbox order.</p>`), 404);
    if (!isPayable(order)) {
      return c.html(page('Not payable', html`<p>Order ${order.status}, or expired.</p>`), 409);
    }
    const format = cashierFormat(c.req.query('format'));
    // The sandbox "provider" books the trade first, as Alipay would: reconciliation's query
    // finds it even when the notification below never arrives.
    const trade = await recordSandboxPayment(services.db, {
      outTradeNo: order.out_trade_no,
      tradeNo: newSandboxTradeNo(format),
      amountMinor: order.amount_minor,
      paidAt: new Date(),
    });
    if ((await c.req.parseBody()).notify === 'no') {
      return c.html(
        page(
          'Paid, notification lost',
          html`<p>
              Trade ${trade.tradeNo} is paid but no notification was sent; the reconciliation cron
              finds it within a few minutes.
            </p>
            <p><a href="${services.appUrl}/orders">Back to Roundhouse</a></p>`,
        ),
      );
    }
    // The request reached us at this origin, so our webhook does too (tests: a random port).
    const { status, answer, ok } = await deliverSandboxNotification(c.req.url, keys, format, {
      outTradeNo: order.out_trade_no,
      amountMinor: order.amount_minor,
      tradeNo: trade.tradeNo,
    });
    return c.html(
      page(
        ok ? 'Paid' : 'Payment failed',
        html`<p>The webhook answered ${status} ${answer}.</p>
          <p><a href="${services.appUrl}/orders">Back to Roundhouse</a></p>`,
      ),
      ok ? 200 : 502,
    );
  });
  return app;
}

async function sandboxOrder(services: ApiServices, orderId: string): Promise<Order | undefined> {
  if (!UUID.test(orderId)) return undefined;
  const order = await findOrder(services.db, orderId);
  return order?.provider === 'SANDBOX' ? order : undefined;
}

function isPayable(order: Order): boolean {
  return order.status === 'CREATED' && (order.expires_at?.getTime() ?? 0) > Date.now();
}

function page(title: string, content: unknown) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
      </head>
      <body>
        <h1>Roundhouse sandbox — ${title}</h1>
        ${content}
      </body>
    </html>`;
}
