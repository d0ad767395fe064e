import { describe, expect, it } from 'vitest';
import { notificationInstanceId } from './notification-view';

describe('notificationInstanceId', () => {
  it('reads the instance id the worker recorded, if any', () => {
    expect(notificationInstanceId({ instanceId: 'abc', deploymentId: 'x' })).toBe('abc');
    expect(notificationInstanceId({ invoiceId: 'abc' })).toBeNull();
    expect(notificationInstanceId({ instanceId: 7 })).toBeNull();
    expect(notificationInstanceId(null)).toBeNull();
  });
});
