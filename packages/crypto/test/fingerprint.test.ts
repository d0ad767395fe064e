import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint, last4 } from '../src';

describe('fingerprint', () => {
  const secret = 'sk-proj-abcdefghijklmnopqrstuvwxyz';

  it('is 16 hex characters, stable for a value and different for another', () => {
    expect(fingerprint(secret)).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint(secret)).toBe(fingerprint(secret));
    expect(fingerprint(secret)).not.toBe(fingerprint(`${secret}x`));
    expect(fingerprint('')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is not a plain SHA-256 prefix that public lookup tables would recognise', () => {
    const plain = createHash('sha256').update(secret).digest('hex');
    expect(plain.startsWith(fingerprint(secret))).toBe(false);
  });
});

describe('last4', () => {
  it.each([
    ['', ''],
    ['1234567', ''],
    ['12345678', '5678'],
    ['xoxb-123456-abcd', 'abcd'],
    ['password🔑🔑🔑🔑', '🔑🔑🔑🔑'],
    ['🔑🔑🔑🔑🔑🔑🔑', ''],
  ])('shows %j as %j', (value, shown) => {
    expect(last4(value)).toBe(shown);
  });
});
