import { ConfigurationError } from '@roundhouse/core';
import { recordUnsettledEvent, settleNotification } from '@roundhouse/db/repositories/payments';
import {
  CHECKOUT_PROVIDERS,
  NotificationRejectedError,
  type PaymentProviderAdapter,
  type ProviderResponse,
  WEBHOOK_PATHS,
} from '@roundhouse/payments';
import { Hono, type Context } from 'hono';
import type { ApiServices } from '../context';

/** Providers send small forms/JSON; anything bigger is not a notification. */
const MAX_BODY_BYTES = 64 * 1024;
/** Headers kept with the event: enough to trace a delivery, nothing that authenticates us. */
const KEPT_HEADERS = ['content-type', 'user-agent', 'x-forwarded-for', 'x-request-id'];

/**
 * POST /webhooks/<provider> (DESIGN §3, §5): raw body → the adapter verifies → settlement in
 * one transaction → exactly the answer the provider expects. Every delivery leaves a
 * payment_events row (a redelivery's first row already does): a refused one as REJECTED, a
 * failure as ERROR (answered 500 so the provider retries).
 */
export function paymentWebhookRoutes(services: ApiServices): Hono {
  const app = new Hono();
  for (const provider of CHECKOUT_PROVIDERS) {
    const adapter = services.payments.byProvider[provider];
    if (adapter)
      app.post(`/${WEBHOOK_PATHS[provider]}`, (c) => handleNotification(c, services, adapter));
  }
  return app;
}

async function handleNotification(
  c: Context,
  services: ApiServices,
  adapter: PaymentProviderAdapter,
): Promise<Response> {
  const { db, logger } = services;
  const declared = Number(c.req.header('content-length') ?? 0);
  const rawBody = declared > MAX_BODY_BYTES ? '' : await c.req.text();
  const headers = Object.fromEntries(
    KEPT_HEADERS.flatMap((name) => {
      const value = c.req.header(name);
      return value === undefined ? [] : [[name, value.slice(0, 500)]];
    }),
  );
  const record = { provider: adapter.provider, rawBodyRedacted: rawBody, headers };
  const log = logger.child({ event: 'payment_notification', provider: adapter.provider });

  if (declared > MAX_BODY_BYTES || Buffer.byteLength(rawBody) > MAX_BODY_BYTES) {
    await recordUnsettledEvent(db, {
      ...record,
      rawBodyRedacted: rawBody.slice(0, 2048),
      verified: false,
      outcome: 'REJECTED',
      error: `Body over ${MAX_BODY_BYTES} bytes`,
    });
    log.warn({ declared }, 'payment notification too large');
    return send(c, { ...adapter.rejectResponse('too large'), status: 413 });
  }

  let notification;
  try {
    notification = await adapter.verifyNotification({
      headers: c.req.header(),
      rawBody,
      contentType: c.req.header('content-type') ?? '',
    });
  } catch (error) {
    // Any exception during verification is a failure (DESIGN §5), never a pass.
    const rejection = error instanceof NotificationRejectedError ? error : undefined;
    const reason = rejection ? `${rejection.reason}: ${rejection.message}` : 'Verification failed';
    await recordUnsettledEvent(db, {
      ...record,
      verified: rejection?.verified ?? false,
      outcome: 'REJECTED',
      error: reason,
    });
    log.warn({ reason, err: rejection ? undefined : error }, 'payment notification rejected');
    return send(c, adapter.rejectResponse(reason));
  }

  try {
    if (!services.instanceTemplate) {
      throw new ConfigurationError('RAILWAY_TEMPLATE_PROJECT_ID is not set: cannot provision');
    }
    const result = await settleNotification(db, {
      ...record,
      notification,
      template: services.instanceTemplate,
    });
    log.info(
      { outcome: result.outcome, orderId: result.orderId, detail: result.detail },
      'payment notification settled',
    );
    return send(
      c,
      result.outcome === 'REJECTED'
        ? adapter.rejectResponse(result.detail ?? 'rejected')
        : adapter.ackResponse(),
    );
  } catch (error) {
    log.error({ err: error, eventKey: notification.eventKey }, 'payment settlement failed');
    await recordUnsettledEvent(db, {
      ...record,
      verified: true,
      outcome: 'ERROR',
      error: error instanceof Error ? error.message : String(error),
    });
    return send(c, { ...adapter.rejectResponse('error'), status: 500 });
  }
}

function send(c: Context, response: ProviderResponse): Response {
  return c.body(response.body, response.status as 200, { 'content-type': response.contentType });
}
