import { describe, expect, it } from 'vitest';
import { TEST_DELIVERY_WAIT_MS, testDeliveryState } from './test-delivery';

const before = new Date('2026-01-01T10:00:00Z');
const after = new Date('2026-01-01T10:00:03Z');

describe('testDeliveryState', () => {
  it('is sending until the endpoint records a new attempt', () => {
    expect(testDeliveryState(before, { lastDeliveryAt: before, failureCount: 0 }, 1_000)).toBe(
      'sending',
    );
    expect(testDeliveryState(null, { lastDeliveryAt: null, failureCount: 0 }, 1_000)).toBe(
      'sending',
    );
  });

  it('reads success or failure off the new attempt', () => {
    expect(testDeliveryState(before, { lastDeliveryAt: after, failureCount: 0 }, 3_000)).toBe(
      'delivered',
    );
    expect(testDeliveryState(null, { lastDeliveryAt: after, failureCount: 2 }, 3_000)).toBe(
      'failed',
    );
  });

  it('compares stamps by time, whatever form they arrive in', () => {
    const same = { lastDeliveryAt: before.toISOString(), failureCount: 1 };
    expect(testDeliveryState(before, same, 1_000)).toBe('sending');
  });

  it('gives up waiting after the limit', () => {
    const unchanged = { lastDeliveryAt: before, failureCount: 0 };
    expect(testDeliveryState(before, unchanged, TEST_DELIVERY_WAIT_MS)).toBe('noAnswer');
  });
});
