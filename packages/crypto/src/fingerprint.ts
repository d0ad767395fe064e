import { createHash } from 'node:crypto';

// Domain separation: our fingerprints don't match generic SHA-256 lookup tables of known values.
const FINGERPRINT_PREFIX = 'roundhouse:fingerprint:v1\0';
const LAST4_MIN_LENGTH = 8;

/**
 * A short, stable, non-reversible id of a secret value (16 hex chars of SHA-256) for display and
 * change detection ("the key changed"). It hides high-entropy secrets such as API tokens; it is
 * not a password hash, so don't fingerprint short guessable values and publish the result.
 */
export function fingerprint(value: string): string {
  return createHash('sha256')
    .update(FINGERPRINT_PREFIX + value, 'utf8')
    .digest('hex')
    .slice(0, 16);
}

/**
 * The last 4 characters for masked display ("••••abcd"). Values shorter than 8 characters return
 * '' — showing 4 of them would reveal half the secret or more. Counts code points, so an emoji is
 * never split.
 */
export function last4(value: string): string {
  const chars = Array.from(value);
  return chars.length < LAST4_MIN_LENGTH ? '' : chars.slice(-4).join('');
}
