import { SIGNATURE_HEADER, signatureHeader } from './signature';

export interface WebhookEvent {
  /** Stable per event: the same id on every retry, so receivers can drop duplicates. */
  id: string;
  type: string;
  createdAt: Date;
  data: Record<string, unknown>;
}

export interface PostResult {
  ok: boolean;
  /** HTTP status, or null when no response came (refused, timed out). */
  status: number | null;
  error: string | null;
}

const TIMEOUT_MS = 10_000;

/** The JSON body of an event (stable for a given event, so a retry sends the same bytes). */
export function webhookBody(event: WebhookEvent): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    created_at: event.createdAt.toISOString(),
    data: event.data,
  });
}

/**
 * POSTs one signed event to one endpoint. Never throws: the outcome is returned so the caller can
 * record it per endpoint. Only 2xx counts as delivered; redirects are not followed (a receiver
 * that moved must be updated by its owner, not silently chased).
 */
export async function postWebhook(
  fetchFn: typeof fetch,
  input: { url: string; secret: string; event: WebhookEvent; now: Date },
): Promise<PostResult> {
  const body = webhookBody(input.event);
  const timestamp = Math.floor(input.now.getTime() / 1000);
  try {
    const response = await fetchFn(input.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Roundhouse-Webhooks/1',
        'roundhouse-event': input.event.type,
        'roundhouse-delivery': input.event.id,
        [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(input.secret, timestamp, body),
      },
      body,
    });
    // Drain the body so the connection is reused; its content is not ours to store.
    await response.arrayBuffer().catch(() => undefined);
    return response.ok
      ? { ok: true, status: response.status, error: null }
      : { ok: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, status: null, error: message.slice(0, 500) };
  }
}
