import { ConfigurationError, ResourceError } from '@roundhouse/core';
import { describe, expect, it } from 'vitest';
import {
  decrypt,
  DecryptionError,
  encrypt,
  envelopeKeyId,
  parseKeyring,
  type AadContext,
  type DecryptionErrorCode,
  type Keyring,
} from '../src';
import { rawKey, thrown } from './helpers';

const aad: AadContext = { table: 'channel_credentials', rowId: '42', field: 'ciphertext' };
const plaintext = 'xoxb-secret-bot-token-value';
const [k2, k1] = [rawKey(), rawKey()];
const keyring = parseKeyring({ keys: `v2:${k2},v1:${k1}` });

function expectDecryptionError(run: () => unknown, code: DecryptionErrorCode): DecryptionError {
  const error = thrown(run);
  expect(error).toBeInstanceOf(DecryptionError);
  expect(error).toBeInstanceOf(ConfigurationError);
  const decryptionError = error as DecryptionError;
  expect(decryptionError.code).toBe(code);
  expect(decryptionError.retryable).toBe(false);
  expect(decryptionError.message).not.toContain(plaintext);
  return decryptionError;
}

/** The envelope with one base64url part's first byte flipped. */
function flipByte(envelope: string, partIndex: number): string {
  const parts = envelope.split('.');
  const bytes = Buffer.from(parts[partIndex] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[partIndex] = bytes.toString('base64url');
  return parts.join('.');
}

function withPart(envelope: string, partIndex: number, value: string): string {
  const parts = envelope.split('.');
  parts[partIndex] = value;
  return parts.join('.');
}

describe('encrypt / decrypt', () => {
  it.each([
    ['ascii', plaintext],
    ['empty', ''],
    ['unicode', 'pässwörd 密码 🔑'],
    ['json', JSON.stringify({ token: 'a.b', n: 1 })],
    ['large', 'x'.repeat(200_000)],
  ])('round-trips %s plaintext', (_, value) => {
    expect(decrypt(keyring, encrypt(keyring, value, aad), aad)).toBe(value);
  });

  it('writes a printable rh1 envelope under the primary key id', () => {
    const envelope = encrypt(keyring, plaintext, aad);
    expect(envelope).toMatch(/^rh1\.v2\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(envelopeKeyId(envelope)).toBe('v2');
    expect(envelope).not.toContain(plaintext);
  });

  it('never produces the same envelope or IV twice for the same plaintext', () => {
    const envelopes = Array.from({ length: 50 }, () => encrypt(keyring, plaintext, aad));
    expect(new Set(envelopes).size).toBe(50);
    expect(new Set(envelopes.map((envelope) => envelope.split('.')[2])).size).toBe(50);
  });

  it('decrypts envelopes of every key in the ring, not only the primary', () => {
    const old = encrypt(parseKeyring({ keys: `v1:${k1}` }), plaintext, aad);
    expect(decrypt(keyring, old, aad)).toBe(plaintext);
  });

  it.each([
    ['IV', 2],
    ['tag', 3],
    ['ciphertext', 4],
  ])('fails closed when the %s is tampered with', (_, partIndex) => {
    const tampered = flipByte(encrypt(keyring, plaintext, aad), partIndex);
    const error = expectDecryptionError(
      () => decrypt(keyring, tampered, aad),
      'AUTHENTICATION_FAILED',
    );
    expect(error.keyId).toBe('v2');
  });

  it.each<[string, AadContext]>([
    ['another row', { ...aad, rowId: '43' }],
    ['another field', { ...aad, field: 'secret_ciphertext' }],
    ['another table', { ...aad, table: 'webhook_endpoints' }],
    // Same concatenated text, different split: the AAD encoding must tell them apart.
    ['a shifted boundary', { table: aad.table, rowId: '4', field: `2${aad.field}` }],
  ])('refuses a ciphertext moved to %s', (_, elsewhere) => {
    const envelope = encrypt(keyring, plaintext, aad);
    expectDecryptionError(() => decrypt(keyring, envelope, elsewhere), 'AUTHENTICATION_FAILED');
  });

  it('refuses an envelope relabelled with another key id in the ring', () => {
    const relabelled = withPart(encrypt(keyring, plaintext, aad), 1, 'v1');
    expectDecryptionError(() => decrypt(keyring, relabelled, aad), 'AUTHENTICATION_FAILED');
  });

  it('refuses a relabelled envelope even when both ids hold the same key', () => {
    const twins = parseKeyring({ keys: `a:${k1},b:${k1}` });
    const relabelled = withPart(encrypt(twins, plaintext, aad), 1, 'b');
    expectDecryptionError(() => decrypt(twins, relabelled, aad), 'AUTHENTICATION_FAILED');
  });

  it('fails with AUTHENTICATION_FAILED under the wrong key for the same id', () => {
    const envelope = encrypt(keyring, plaintext, aad);
    const impostor = parseKeyring({ keys: `v2:${rawKey()}` });
    expectDecryptionError(() => decrypt(impostor, envelope, aad), 'AUTHENTICATION_FAILED');
  });

  it('fails with UNKNOWN_KEY, naming the ids, when the key id is not in the ring', () => {
    const envelope = encrypt(keyring, plaintext, aad);
    const error = expectDecryptionError(
      () => decrypt(parseKeyring({ keys: `v3:${rawKey()}` }), envelope, aad),
      'UNKNOWN_KEY',
    );
    expect(error.keyId).toBe('v2');
    expect(error.reason).toBe('NOT_FOUND');
    expect(error.message).toContain('"v2" is not in the keyring (configured: v3)');
  });

  it('keeps key material and plaintext out of errors', () => {
    const envelope = encrypt(keyring, plaintext, aad);
    const error = expectDecryptionError(
      () => decrypt(keyring, envelope, { ...aad, rowId: '7' }),
      'AUTHENTICATION_FAILED',
    );
    const shown = JSON.stringify({
      message: error.message,
      stack: error.stack,
      details: error.details,
    });
    for (const secret of [plaintext, k1, k2]) expect(shown).not.toContain(secret);
  });

  const valid = encrypt(keyring, plaintext, aad);
  it.each<[string, unknown]>([
    ['an empty string', ''],
    ['plain text', plaintext],
    ['a non-string', null],
    ['another format version', withPart(valid, 0, 'rh2')],
    ['too few parts', valid.split('.').slice(0, 4).join('.')],
    ['too many parts', `${valid}.x`],
    ['an invalid key id', withPart(valid, 1, 'v 2')],
    ['a short IV', withPart(valid, 2, Buffer.alloc(8).toString('base64url'))],
    ['a truncated tag', withPart(valid, 3, Buffer.alloc(12).toString('base64url'))],
    ['a padded part', withPart(valid, 4, `${valid.split('.')[4]}=`)],
    ['standard base64 chars', withPart(valid, 4, `+/${valid.split('.')[4]}`)],
    // 16 bytes leave 4 unused bits in the last character; canonical encoders write them as 0.
    ['non-canonical base64url', withPart(valid, 3, `${valid.split('.')[3]?.slice(0, 21)}B`)],
  ])('rejects %s as MALFORMED without trying a key', (_, envelope) => {
    expectDecryptionError(() => decrypt(keyring, envelope as string, aad), 'MALFORMED');
    expectDecryptionError(() => envelopeKeyId(envelope as string), 'MALFORMED');
  });

  it.each<[string, unknown]>([
    ['a missing context', undefined],
    ['an empty rowId', { ...aad, rowId: '' }],
    ['a numeric rowId', { ...aad, rowId: 42 }],
  ])('rejects %s as associated data', (_, context) => {
    expect(() => encrypt(keyring, plaintext, context as AadContext)).toThrow(ResourceError);
    expect(() => decrypt(keyring, valid, context as AadContext)).toThrow(ResourceError);
  });

  it('rejects plaintext that would not survive UTF-8', () => {
    expect(() => encrypt(keyring, 'ab\uD800cd', aad)).toThrow(/well-formed string/);
    expect(() => encrypt(keyring, 42 as unknown as string, aad)).toThrow(ResourceError);
  });

  it('refuses a keyring that parseKeyring did not build', () => {
    const fake: Keyring = { primaryKeyId: 'v2', keyIds: ['v2'], has: () => true };
    expect(() => encrypt(fake, plaintext, aad)).toThrow(/not created by parseKeyring/);
    expectDecryptionError(() => decrypt(fake, valid, aad), 'UNKNOWN_KEY');
  });
});
