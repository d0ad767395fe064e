import { describe, expect, it } from 'vitest';
import {
  checkoutStep,
  pollInterval,
  statusRefetchInterval,
} from '../src/features/billing/checkout-step';
import { countdown } from '../src/features/billing/countdown';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const at = (ms: number) => new Date(NOW + ms);

describe('countdown', () => {
  it('shows minutes and seconds, rounding seconds up while payable', () => {
    expect(countdown(at(29 * 60_000 + 59_001), NOW)).toEqual({
      remainingMs: 29 * 60_000 + 59_001,
      expired: false,
      label: '30:00',
    });
    expect(countdown(at(61_000), NOW).label).toBe('01:01');
    expect(countdown(at(1), NOW)).toMatchObject({ expired: false, label: '00:01' });
  });

  it('adds hours past sixty minutes', () => {
    expect(countdown(at(3600_000 + 5 * 60_000 + 7_000), NOW).label).toBe('1:05:07');
  });

  it('stops at zero once the deadline has passed', () => {
    expect(countdown(at(0), NOW)).toEqual({ remainingMs: 0, expired: true, label: '00:00' });
    expect(countdown(at(-90_000), NOW)).toEqual({ remainingMs: 0, expired: true, label: '00:00' });
  });

  it('accepts the ISO strings and timestamps a serialized date may arrive as', () => {
    expect(countdown(at(5_000).toISOString(), NOW).label).toBe('00:05');
    expect(countdown(NOW + 5_000, NOW).label).toBe('00:05');
  });
});

describe('checkoutStep', () => {
  const open = { status: 'CREATED' as const, expiresAt: at(60_000), instance: null };

  it('waits while the order is open and payable', () => {
    expect(checkoutStep(open, 'NEW', NOW)).toEqual({ kind: 'awaiting' });
  });

  it('says expired once the open order is past its deadline, and keeps watching slowly', () => {
    const step = checkoutStep(open, 'NEW', NOW + 60_000);
    expect(step).toEqual({ kind: 'expired' });
    expect(pollInterval(step)).toBe(10_000);
  });

  it('waits for the instance after payment, then sends a new buyer to it', () => {
    const paid = { ...open, status: 'PAID' as const };
    expect(checkoutStep(paid, 'NEW', NOW)).toEqual({ kind: 'paid' });
    expect(checkoutStep({ ...paid, instance: { id: 'i-1' } }, 'NEW', NOW)).toEqual({
      kind: 'ready',
      destination: { to: '/instances/$instanceId', instanceId: 'i-1' },
    });
  });

  it('sends a renewal to the subscription page, instance or not', () => {
    const paid = { ...open, status: 'PAID' as const };
    expect(checkoutStep(paid, 'RENEWAL', NOW)).toEqual({
      kind: 'ready',
      destination: { to: '/subscription' },
    });
  });

  it('treats a payment that arrived after the deadline as paid', () => {
    const late = { status: 'PAID' as const, expiresAt: at(-600_000), instance: { id: 'i-2' } };
    expect(checkoutStep(late, 'NEW', NOW).kind).toBe('ready');
  });

  it('ends on closed and refunded orders', () => {
    expect(checkoutStep({ ...open, status: 'CLOSED' }, 'NEW', NOW)).toEqual({ kind: 'closed' });
    expect(checkoutStep({ ...open, status: 'REFUNDED' }, 'NEW', NOW)).toEqual({
      kind: 'refunded',
    });
    expect(
      checkoutStep({ ...open, status: 'PARTIALLY_REFUNDED', instance: { id: 'i' } }, 'NEW', NOW)
        .kind,
    ).toBe('ready');
  });

  it('polls every 2 s until there is somewhere to go, then stops', () => {
    expect(pollInterval({ kind: 'awaiting' })).toBe(2_000);
    expect(pollInterval({ kind: 'paid' })).toBe(2_000);
    expect(pollInterval({ kind: 'ready', destination: { to: '/subscription' } })).toBe(false);
    expect(pollInterval({ kind: 'closed' })).toBe(false);
    expect(pollInterval({ kind: 'refunded' })).toBe(false);
  });
});

describe('statusRefetchInterval', () => {
  it('polls until the first answer, then by the step that answer leads to', () => {
    const interval = statusRefetchInterval('NEW');
    expect(interval({ state: {} })).toBe(2_000);
    const paid = { status: 'PAID' as const, expiresAt: null, instance: { id: 'i' } };
    expect(interval({ state: { data: paid } })).toBe(false);
    expect(interval({ state: { data: { ...paid, status: 'CLOSED' } } })).toBe(false);
  });
});
