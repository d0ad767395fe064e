import { formatMinor, getPlan } from '@roundhouse/core';
import type { Order } from '@roundhouse/db';
import { findOrder } from '@roundhouse/db/repositories/orders';
import { sandboxAlipayNotification, type SandboxKeys } from '@roundhouse/payments';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { ApiServices } from '../context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The sandbox cashier (PAYMENTS_MODE=sandbox only): plays Alipay's checkout page. "Pay" signs
 * a real Alipay-format notification with the sandbox key and POSTs it over HTTP to our own
 * /webhooks/alipay, so the payment is verified and settled by exactly the production path.
 */
export function sandboxCashierRoutes(services: ApiServices, keys: SandboxKeys): Hono {
  const app = new Hono();

  app.get('/cashier/:orderId', async (c) => {
    const order = await sandboxOrder(services, c.req.param('orderId'));
    if (!order) return c.html(page('Unknown order', html`<p>No such sandbox order.</p>`), 404);
    const plan = getPlan(order.plan);
    const payable = isPayable(order);
    return c.html(
      page(
        'Sandbox cashier',
        html`<p>${plan.name.en} — ${formatMinor(order.amount_minor, order.currency)}</p>
          <p>Order ${order.out_trade_no}: ${order.status}</p>
          ${
            payable
              ? html`<form method="post" action="/sandbox/cashier/${order.id}/pay">
                  <button type="submit">Pay</button>
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
    const body = sandboxAlipayNotification(
      keys,
      { outTradeNo: order.out_trade_no, amountMinor: order.amount_minor },
      keys.alipayPrivateKey,
    );
    // The request reached us at this origin, so our webhook does too (tests: a random port).
    const delivered = await fetch(new URL('/webhooks/alipay', c.req.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const answer = await delivered.text();
    const ok = delivered.status === 200 && answer === 'success';
    return c.html(
      page(
        ok ? 'Paid' : 'Payment failed',
        html`<p>The webhook answered ${delivered.status} ${answer}.</p>
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
