import { inspect } from 'node:util';
import { ConfigurationError } from '@roundhouse/core';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, generateKey, KeyringError, parseKeyring, SINGLE_KEY_ID } from '../src';
import { expectNoMaterial, rawKey, thrown } from './helpers';

const aad = { table: 'channel_credentials', rowId: '1', field: 'ciphertext' };

describe('parseKeyring', () => {
  it('reads ENCRYPTION_KEYS in order, the first entry encrypting', () => {
    const keyring = parseKeyring({ keys: `v2:${rawKey()},v1:${rawKey()}` });
    expect(keyring.primaryKeyId).toBe('v2');
    expect(keyring.keyIds).toEqual(['v2', 'v1']);
    expect(keyring.has('v1')).toBe(true);
    expect(keyring.has('v3')).toBe(false);
  });

  it('tolerates whitespace around entries, ids and keys', () => {
    const keyring = parseKeyring({ keys: ` v2 : ${rawKey()} ,\tv1:${rawKey()}\n` });
    expect(keyring.keyIds).toEqual(['v2', 'v1']);
  });

  it('accepts base64url and unpadded keys', () => {
    const bytes = Buffer.alloc(32, 0xfb);
    const keyring = parseKeyring({
      keys: `a:${bytes.toString('base64url')},b:${bytes.toString('base64').replace(/=+$/, '')}`,
    });
    expect(keyring.keyIds).toEqual(['a', 'b']);
  });

  it('gives a lone ENCRYPTION_KEY the fixed id k1', () => {
    const keyring = parseKeyring({ key: rawKey() });
    expect(keyring.primaryKeyId).toBe(SINGLE_KEY_ID);
    expect(SINGLE_KEY_ID).toBe('k1');
    expect(keyring.keyIds).toEqual(['k1']);
  });

  it('prefers ENCRYPTION_KEYS when both are set, and ignores a blank one', () => {
    const single = rawKey();
    expect(parseKeyring({ keys: `v9:${rawKey()}`, key: single }).primaryKeyId).toBe('v9');
    expect(parseKeyring({ keys: '  ', key: single }).primaryKeyId).toBe('k1');
  });

  it('lets a single key be renamed into a list as k1 so old rows still decrypt', () => {
    const key = rawKey();
    const envelope = encrypt(parseKeyring({ key }), 'value', aad);
    const rotated = parseKeyring({ keys: `v2:${rawKey()},k1:${key}` });
    expect(decrypt(rotated, envelope, aad)).toBe('value');
  });

  it('never exposes key material on the keyring object', () => {
    const key = rawKey();
    const keyring = parseKeyring({ keys: `v1:${key}` });
    const hex = Buffer.from(key, 'base64').toString('hex');
    for (const shown of [
      JSON.stringify(keyring),
      inspect(keyring, { depth: 5, showHidden: true }),
    ]) {
      expectNoMaterial(shown, key);
      expectNoMaterial(shown, hex);
    }
    expect(Object.isFrozen(keyring)).toBe(true);
  });

  const invalid: Array<[string, (key: string) => { keys?: string; key?: string }, RegExp]> = [
    ['nothing set', () => ({}), /No encryption key configured/],
    ['both blank', () => ({ keys: '', key: ' ' }), /No encryption key configured/],
    ['an empty entry', (key) => ({ keys: `v2:${key},,v1:${key}` }), /entry 2 is empty/],
    ['a trailing comma', (key) => ({ keys: `v2:${key},` }), /entry 2 is empty/],
    ['a missing id', (key) => ({ keys: key }), /entry 1 is not in the form id:base64/],
    ['a blank id', (key) => ({ keys: `:${key}` }), /entry 1 has an invalid key id/],
    ['an id with dots', (key) => ({ keys: `v.1:${key}` }), /entry 1 has an invalid key id/],
    ['a 33-char id', (key) => ({ keys: `${'a'.repeat(33)}:${key}` }), /invalid key id/],
    ['a swapped entry', (key) => ({ keys: `${key}:v1` }), /entry 1 has an invalid key id/],
    [
      'a duplicate id',
      (key) => ({ keys: `v1:${key},v2:${key},v1:${key}` }),
      /"v1" twice \(entries 1 and 3\)/,
    ],
    ['an empty key', () => ({ keys: 'v1:' }), /key "v1"\) is not valid base64/],
    [
      'bad base64',
      (key) => ({ keys: `v1:${key.slice(0, 20)}!${key.slice(21)}` }),
      /not valid base64/,
    ],
    ['mixed alphabets', (key) => ({ keys: `v1:-+${key.slice(2)}` }), /not valid base64/],
    ['non-canonical base64', () => ({ keys: `v1:${'A'.repeat(42)}B=` }), /not valid base64/],
    [
      'a 16-byte key',
      () => ({ keys: `v1:${rawKey(16)}` }),
      /decodes to 16 bytes; AES-256 needs exactly 32/,
    ],
    [
      'a 33-byte ENCRYPTION_KEY',
      () => ({ key: rawKey(33) }),
      /^ENCRYPTION_KEY decodes to 33 bytes/,
    ],
    [
      'a list in ENCRYPTION_KEY',
      (key) => ({ key: `v1:${key}` }),
      /^ENCRYPTION_KEY is not valid base64/,
    ],
  ];

  it.each(invalid)('rejects %s with a KeyringError free of key material', (_, source, message) => {
    const key = rawKey();
    const input = source(key);
    const error = thrown(() => parseKeyring(input));
    expect(error).toBeInstanceOf(KeyringError);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as KeyringError).retryable).toBe(false);
    expect((error as KeyringError).message).toMatch(message);
    for (const value of [input.keys ?? '', input.key ?? '', key]) {
      expectNoMaterial(inspect(error), value.replace(/^v\d:|:v1$/, ''));
    }
  });
});

describe('generateKey', () => {
  it('returns fresh base64 of 32 bytes that parseKeyring accepts', () => {
    const [a, b] = [generateKey(), generateKey()];
    expect(Buffer.from(a, 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(parseKeyring({ keys: `v1:${a},v2:${b}` }).keyIds).toEqual(['v1', 'v2']);
  });
});
