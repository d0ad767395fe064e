import { describe, expect, it } from 'vitest';
import { BUSY_POLL_MS, isInstanceBusy, pollWhileBusy } from './instance-status';

describe('polling while busy', () => {
  it('polls while provisioning, deploying, deleting or a deployment is in flight', () => {
    expect(isInstanceBusy('PROVISIONING', null)).toBe(true);
    expect(isInstanceBusy('DELETING', null)).toBe(true);
    expect(isInstanceBusy('RUNNING', 'QUEUED')).toBe(true);
    expect(pollWhileBusy(true)).toBe(BUSY_POLL_MS);
  });

  it('stops once everything settled', () => {
    expect(isInstanceBusy('RUNNING', 'SUCCEEDED')).toBe(false);
    expect(isInstanceBusy('FAILED', 'FAILED')).toBe(false);
    expect(pollWhileBusy(false)).toBe(false);
  });
});
