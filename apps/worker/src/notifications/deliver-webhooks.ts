import { NetworkError } from '@roundhouse/core';
import type { Notification } from '@roundhouse/db';
import { sql } from 'kysely';
import type { TaskContext } from '../define-task';
import { endpointSecret } from '../webhooks/endpoint-secret';
import { postWebhook } from '../webhooks/post-webhook';
import { recordDelivery } from '../webhooks/record-outcome';
import { workerDb } from '../worker-tables';

export interface WebhookOutcome {
  delivered: number;
  /** Endpoints that had accepted this event on an earlier attempt and were skipped. */
  skipped: number;
}

/**
 * Sends a notification to each enabled endpoint of its user subscribed to its type. Endpoints
 * that already accepted it (webhook_deliveries) are skipped, so a retry only re-sends to the
 * ones that failed. Throws a NetworkError when any failed: the job is retried with backoff.
 */
export async function deliverWebhooks(
  ctx: TaskContext,
  notification: Notification,
): Promise<WebhookOutcome> {
  const db = workerDb(ctx.db);
  if (notification.webhook_sent_at) return { delivered: 0, skipped: 0 };
  const endpoints = await db
    .selectFrom('webhook_endpoints')
    .leftJoin('webhook_deliveries', (join) =>
      join
        .onRef('webhook_deliveries.endpoint_id', '=', 'webhook_endpoints.id')
        .on('webhook_deliveries.notification_id', '=', notification.id),
    )
    .select([
      'webhook_endpoints.id',
      'webhook_endpoints.url',
      'webhook_endpoints.secret_ciphertext',
      'webhook_deliveries.delivered_at',
    ])
    .where('webhook_endpoints.user_id', '=', notification.user_id)
    .where('webhook_endpoints.enabled', '=', true)
    .where(sql<boolean>`${notification.type} = any(webhook_endpoints.events)`)
    .execute();
  if (endpoints.length === 0) return { delivered: 0, skipped: 0 };
  const pending = endpoints.filter((endpoint) => endpoint.delivered_at === null);
  const event = {
    id: notification.id,
    type: notification.type,
    createdAt: notification.created_at,
    data: { ...notification.data, title: notification.title, body: notification.body },
  };
  const results = await Promise.all(
    pending.map(async (endpoint) => {
      const result = await postWebhook(ctx.fetch, {
        url: endpoint.url,
        secret: endpointSecret(ctx.keyring, endpoint),
        event,
        now: ctx.now(),
      });
      await recordDelivery(db, {
        notificationId: notification.id,
        endpointId: endpoint.id,
        result,
      });
      return { endpoint, result };
    }),
  );
  const failures = results.filter(({ result }) => !result.ok);
  if (failures.length === 0) {
    await db
      .updateTable('notifications')
      .set({ webhook_sent_at: sql<Date>`now()` })
      .where('id', '=', notification.id)
      .execute();
  } else {
    const hosts = failures.map(
      ({ endpoint, result }) => `${new URL(endpoint.url).host}: ${result.error}`,
    );
    throw new NetworkError(
      `${failures.length} of ${endpoints.length} webhook deliveries failed (${hosts.join('; ')})`,
    );
  }
  return { delivered: results.length, skipped: endpoints.length - pending.length };
}
