/**
 * The result of a test delivery, read off the endpoint: the worker stamps `lastDeliveryAt` on
 * every attempt and resets `failureCount` to 0 on success (adds one on failure). The baseline is
 * the stamp before sending, compared as is: the browser's clock may differ from the server's.
 */
export type TestDeliveryState = 'sending' | 'delivered' | 'failed' | 'noAnswer';

/** How long to poll before concluding the worker has not tried yet (e.g. it is not running). */
export const TEST_DELIVERY_WAIT_MS = 60_000;
export const TEST_DELIVERY_POLL_MS = 2_000;

interface EndpointStamp {
  lastDeliveryAt: Date | string | null;
  failureCount: number;
}

const time = (value: Date | string | null) => (value === null ? null : new Date(value).getTime());

export function testDeliveryState(
  baseline: Date | string | null,
  endpoint: EndpointStamp,
  elapsedMs: number,
): TestDeliveryState {
  const attempted = time(endpoint.lastDeliveryAt);
  if (attempted !== null && attempted !== time(baseline)) {
    return endpoint.failureCount === 0 ? 'delivered' : 'failed';
  }
  return elapsedMs >= TEST_DELIVERY_WAIT_MS ? 'noAnswer' : 'sending';
}
