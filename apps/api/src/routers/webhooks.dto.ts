import type { WebhookEndpointView } from '@roundhouse/db/repositories/webhook-endpoints';

/** An endpoint without its secret (the secret is shown once, by create and rotateSecret). */
export function webhookEndpointDto(row: WebhookEndpointView) {
  return {
    id: row.id,
    url: row.url,
    events: [...row.events],
    enabled: row.enabled,
    description: row.description,
    failureCount: row.failure_count,
    lastDeliveryAt: row.last_delivery_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type WebhookEndpointDto = ReturnType<typeof webhookEndpointDto>;
