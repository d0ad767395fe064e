import { sql } from 'kysely';
import type { WorkerDbOrTrx } from '../worker-tables';
import type { PostResult } from './post-webhook';

/**
 * Books a delivery attempt on the endpoint: a success resets its failure streak, a failure
 * extends it (shown to the user next to the endpoint).
 */
export async function recordEndpointOutcome(
  db: WorkerDbOrTrx,
  endpointId: string,
  result: PostResult,
): Promise<void> {
  await db
    .updateTable('webhook_endpoints')
    .set((eb) => ({
      last_delivery_at: sql<Date>`now()`,
      failure_count: result.ok ? 0 : eb('failure_count', '+', 1),
    }))
    .where('id', '=', endpointId)
    .execute();
}

/** Books the outcome of one notification's delivery to one endpoint (one row per pair). */
export async function recordDelivery(
  db: WorkerDbOrTrx,
  input: { notificationId: string; endpointId: string; result: PostResult },
): Promise<void> {
  const { result } = input;
  const outcome = {
    response_status: result.status,
    last_error: result.error,
    last_attempt_at: sql<Date>`now()`,
    delivered_at: result.ok ? sql<Date>`now()` : null,
  };
  await db
    .insertInto('webhook_deliveries')
    .values({
      notification_id: input.notificationId,
      endpoint_id: input.endpointId,
      attempts: 1,
      ...outcome,
    })
    .onConflict((oc) =>
      oc.columns(['notification_id', 'endpoint_id']).doUpdateSet((eb) => ({
        attempts: eb('webhook_deliveries.attempts', '+', 1),
        ...outcome,
      })),
    )
    .execute();
  await recordEndpointOutcome(db, input.endpointId, result);
}
