import { describe, expect, it } from 'vitest';
import {
  decrypt,
  DecryptionError,
  encrypt,
  envelopeKeyId,
  keyUsageReport,
  needsRotation,
  parseKeyring,
  reencrypt,
} from '../src';
import { rawKey, thrown } from './helpers';

const [k1, k2] = [rawKey(), rawKey()];
const v1Only = parseKeyring({ keys: `v1:${k1}` });
const rotating = parseKeyring({ keys: `v2:${k2},v1:${k1}` });
const v2Only = parseKeyring({ keys: `v2:${k2}` });

const rows = Array.from({ length: 5 }, (_, i) => ({
  aad: { table: 'channel_credentials', rowId: String(i + 1), field: 'ciphertext' },
  plaintext: `token-${i + 1}`,
}));

function codeOf(run: () => unknown): string | undefined {
  const error = thrown(run);
  return error instanceof DecryptionError ? error.code : undefined;
}

describe('key rotation', () => {
  it('moves every row from v1 to v2 and reports the counts before and after', () => {
    const stored = rows.map((row) => encrypt(v1Only, row.plaintext, row.aad));
    expect(keyUsageReport(rotating, stored.map(envelopeKeyId))).toEqual({
      primaryKeyId: 'v2',
      byKey: { v2: 0, v1: 5 },
      unknown: 0,
      onPrimary: 0,
      total: 5,
    });
    expect(stored.every((envelope) => needsRotation(rotating, envelope))).toBe(true);

    const rotated = stored.map((envelope, i) => reencrypt(rotating, envelope, rows[i]!.aad));

    expect(keyUsageReport(rotating, rotated.map(envelopeKeyId))).toEqual({
      primaryKeyId: 'v2',
      byKey: { v2: 5, v1: 0 },
      unknown: 0,
      onPrimary: 5,
      total: 5,
    });
    expect(rotated.some((envelope) => needsRotation(rotating, envelope))).toBe(false);
    // v1 can now be dropped from the ring: the rotated rows only need v2.
    rotated.forEach((envelope, i) => {
      expect(decrypt(v2Only, envelope, rows[i]!.aad)).toBe(rows[i]!.plaintext);
    });
    expect(codeOf(() => decrypt(v2Only, stored[0]!, rows[0]!.aad))).toBe('UNKNOWN_KEY');
  });

  it('returns the very same string when the row is already on the primary key', () => {
    const envelope = encrypt(rotating, 'value', rows[0]!.aad);
    expect(needsRotation(rotating, envelope)).toBe(false);
    expect(reencrypt(rotating, envelope, rows[0]!.aad)).toBe(envelope);
  });

  it('refuses to re-encrypt under the wrong row, producing nothing', () => {
    const envelope = encrypt(v1Only, 'value', rows[0]!.aad);
    expect(codeOf(() => reencrypt(rotating, envelope, rows[1]!.aad))).toBe('AUTHENTICATION_FAILED');
  });

  it('refuses rows whose key left the ring, and malformed rows', () => {
    const envelope = encrypt(v1Only, 'value', rows[0]!.aad);
    expect(needsRotation(v2Only, envelope)).toBe(true);
    expect(codeOf(() => reencrypt(v2Only, envelope, rows[0]!.aad))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => needsRotation(v2Only, 'garbage'))).toBe('MALFORMED');
  });
});

describe('keyUsageReport', () => {
  it('lists ring keys with zero rows and counts ids outside the ring as unknown', () => {
    expect(keyUsageReport(rotating, ['v2', 'v0', 'v0', 'old', 'v2'])).toEqual({
      primaryKeyId: 'v2',
      byKey: { v2: 2, v1: 0, v0: 2, old: 1 },
      unknown: 3,
      onPrimary: 2,
      total: 5,
    });
  });

  it('reports an empty table', () => {
    expect(keyUsageReport(rotating, [])).toEqual({
      primaryKeyId: 'v2',
      byKey: { v2: 0, v1: 0 },
      unknown: 0,
      onPrimary: 0,
      total: 0,
    });
  });

  it('counts ids that collide with Object.prototype names as plain ids', () => {
    const report = keyUsageReport(rotating, ['__proto__', 'constructor', '__proto__']);
    expect(Object.getPrototypeOf(report.byKey)).toBe(Object.prototype);
    expect(Object.entries(report.byKey)).toEqual([
      ['v2', 0],
      ['v1', 0],
      ['__proto__', 2],
      ['constructor', 1],
    ]);
    expect(report.unknown).toBe(3);
  });

  it('accepts any iterable, such as a generator over a cursor', () => {
    function* ids() {
      yield 'v1';
      yield 'v2';
    }
    expect(keyUsageReport(rotating, ids()).total).toBe(2);
  });
});
