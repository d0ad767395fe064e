import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { decodeBase64 } from './encoding';
import { KeyringError } from './errors';

/** Key ids are stored next to every ciphertext, so they are short, printable and dot-free. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
/** The id a lone ENCRYPTION_KEY gets; list it under this id in ENCRYPTION_KEYS when rotating. */
export const SINGLE_KEY_ID = 'k1';
const KEY_BYTES = 32;

/** The configured keys. Only ids are visible: the key bytes never sit on the object. */
export interface Keyring {
  /** The key new ciphertexts are written with (the first entry of ENCRYPTION_KEYS). */
  readonly primaryKeyId: string;
  /** Every id in the ring, primary first. */
  readonly keyIds: readonly string[];
  has(keyId: string): boolean;
}

/** Raw ENCRYPTION_KEYS / ENCRYPTION_KEY values as the apps' env.ts read them. */
export interface KeyringSource {
  keys?: string | undefined;
  key?: string | undefined;
}

// Key material lives here, keyed by the keyring object, so that logging, JSON.stringify or
// util.inspect of a Keyring can never print it.
const material = new WeakMap<Keyring, ReadonlyMap<string, KeyObject>>();

/**
 * Builds the keyring from `ENCRYPTION_KEYS` (`v2:base64,v1:base64`, the first one encrypts) or,
 * when that is unset or blank, a single `ENCRYPTION_KEY` (id `k1`). Throws KeyringError for
 * anything else; error messages never contain key material.
 */
export function parseKeyring(source: KeyringSource): Keyring {
  const keys = source.keys?.trim();
  const key = source.key?.trim();
  if (keys) return buildKeyring(parseKeyList(keys));
  if (key) return buildKeyring([[SINGLE_KEY_ID, decodeKey(key, 'ENCRYPTION_KEY')]]);
  throw new KeyringError(
    'No encryption key configured: set ENCRYPTION_KEYS (id:base64,...; the first encrypts) or ' +
      'ENCRYPTION_KEY (base64 of 32 random bytes, e.g. from generateKey())',
  );
}

/** A fresh random 256-bit key, base64-encoded, for ENCRYPTION_KEY(S) in development setups. */
export function generateKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/** The key bytes behind an id, for this package's cipher code only (not re-exported). */
export function keyMaterial(keyring: Keyring, keyId: string): KeyObject | undefined {
  return material.get(keyring)?.get(keyId);
}

function parseKeyList(list: string): Array<[string, KeyObject]> {
  const seen = new Map<string, number>();
  return list.split(',').map((rawEntry, index) => {
    const position = `ENCRYPTION_KEYS entry ${index + 1}`;
    const entry = rawEntry.trim();
    if (entry === '') throw new KeyringError(`${position} is empty`);
    const colon = entry.indexOf(':');
    if (colon === -1) throw new KeyringError(`${position} is not in the form id:base64`);
    const id = entry.slice(0, colon).trim();
    // An invalid id is not echoed: a swapped "base64:id" entry would put key bytes in the message.
    if (!KEY_ID_PATTERN.test(id)) {
      throw new KeyringError(`${position} has an invalid key id (1-32 of A-Z a-z 0-9 _ -)`);
    }
    const previous = seen.get(id);
    if (previous !== undefined) {
      throw new KeyringError(
        `ENCRYPTION_KEYS lists key id "${id}" twice (entries ${previous} and ${index + 1})`,
      );
    }
    seen.set(id, index + 1);
    return [id, decodeKey(entry.slice(colon + 1).trim(), `${position} (key "${id}")`)];
  });
}

function decodeKey(encoded: string, label: string): KeyObject {
  const bytes = decodeBase64(encoded);
  if (bytes === undefined || bytes.length === 0) {
    throw new KeyringError(`${label} is not valid base64 or base64url`);
  }
  try {
    if (bytes.length !== KEY_BYTES) {
      throw new KeyringError(
        `${label} decodes to ${bytes.length} bytes; AES-256 needs exactly ${KEY_BYTES}`,
      );
    }
    return createSecretKey(bytes);
  } finally {
    // createSecretKey copied the bytes; don't leave a second copy in the heap.
    bytes.fill(0);
  }
}

function buildKeyring(entries: Array<[string, KeyObject]>): Keyring {
  const [primary] = entries;
  if (primary === undefined) throw new KeyringError('ENCRYPTION_KEYS holds no keys');
  const keys = new Map(entries);
  const keyring: Keyring = Object.freeze({
    primaryKeyId: primary[0],
    keyIds: Object.freeze([...keys.keys()]),
    has: (keyId: string) => keys.has(keyId),
  });
  material.set(keyring, keys);
  return keyring;
}
