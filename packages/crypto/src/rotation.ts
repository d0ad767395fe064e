import type { AadContext } from './aad';
import { decrypt, encrypt, envelopeKeyId } from './envelope';
import type { Keyring } from './keyring';

/**
 * True when the envelope is not on the primary key (including a key no longer in the ring, which
 * `reencrypt` will then refuse with UNKNOWN_KEY). Throws MALFORMED for non-envelopes.
 */
export function needsRotation(keyring: Keyring, envelope: string): boolean {
  return envelopeKeyId(envelope) !== keyring.primaryKeyId;
}

/**
 * The envelope re-encrypted under the primary key for the same row and field. Returns the very
 * same string when it is already on the primary key, so callers can skip the write by comparing.
 * Fails closed exactly like `decrypt`.
 */
export function reencrypt(keyring: Keyring, envelope: string, aad: AadContext): string {
  if (!needsRotation(keyring, envelope)) return envelope;
  return encrypt(keyring, decrypt(keyring, envelope, aad), aad);
}

export interface KeyUsageReport {
  primaryKeyId: string;
  /** Rows per key id: every id in the ring (0 when unused) plus any other id that was seen. */
  byKey: Record<string, number>;
  /** Rows whose key id is not in the ring: they cannot be decrypted until that key is restored. */
  unknown: number;
  onPrimary: number;
  total: number;
}

/**
 * How many rows are on which key, from the key ids stored with them (e.g. the key_version
 * column). Rotation is complete when `onPrimary === total`; a key may be removed from the ring
 * once its count is 0.
 */
export function keyUsageReport(keyring: Keyring, keyIds: Iterable<string>): KeyUsageReport {
  const counts = new Map<string, number>(keyring.keyIds.map((id) => [id, 0]));
  let unknown = 0;
  let total = 0;
  for (const keyId of keyIds) {
    counts.set(keyId, (counts.get(keyId) ?? 0) + 1);
    if (!keyring.has(keyId)) unknown += 1;
    total += 1;
  }
  return {
    primaryKeyId: keyring.primaryKeyId,
    // fromEntries defines own properties, so an id like "__proto__" is counted, not swallowed.
    byKey: Object.fromEntries(counts),
    unknown,
    onPrimary: counts.get(keyring.primaryKeyId) ?? 0,
    total,
  };
}
