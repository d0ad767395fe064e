import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ResourceError } from '@roundhouse/core';
import { encodeAad, type AadContext } from './aad';
import { decodeBase64, encodeBase64Url } from './encoding';
import { DecryptionError } from './errors';
import { KEY_ID_PATTERN, keyMaterial, type Keyring } from './keyring';

/**
 * Envelope format: `rh1.<keyId>.<iv>.<tag>.<ciphertext>` (parts after the key id are unpadded
 * base64url). `rh1` = AES-256-GCM, 96-bit random IV, 128-bit tag, AAD from `encodeAad`. A new
 * format gets a new prefix so old rows stay readable.
 */
const FORMAT = 'rh1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Envelope {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/** Encrypts `plaintext` under the primary key, bound to `aad`. Two calls never return the same string. */
export function encrypt(keyring: Keyring, plaintext: string, aad: AadContext): string {
  // Lone surrogates would not survive UTF-8 and the round trip would silently change the value.
  if (typeof plaintext !== 'string' || LONE_SURROGATE.test(plaintext)) {
    throw new ResourceError('Plaintext must be a well-formed string', { reason: 'INVALID' });
  }
  const keyId = keyring.primaryKeyId;
  const key = keyMaterial(keyring, keyId);
  if (key === undefined) {
    throw new ResourceError('Keyring was not created by parseKeyring', { reason: 'INVALID' });
  }
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(encodeAad([FORMAT, keyId], aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [FORMAT, keyId, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : encodeBase64Url(part)))
    .join('.');
}

/**
 * Opens an envelope written by `encrypt` for the same `aad`. Fails closed with DecryptionError:
 * MALFORMED (not an envelope), UNKNOWN_KEY (its key id is not in the ring) or
 * AUTHENTICATION_FAILED (tampered, wrong key, or another row's/field's ciphertext).
 */
export function decrypt(keyring: Keyring, envelope: string, aad: AadContext): string {
  const { keyId, iv, tag, ciphertext } = parseEnvelope(envelope);
  const additionalData = encodeAad([FORMAT, keyId], aad);
  const key = keyMaterial(keyring, keyId);
  if (key === undefined) {
    throw new DecryptionError(
      'UNKNOWN_KEY',
      `Cannot decrypt ${describe(aad)}: key id "${keyId}" is not in the keyring ` +
        `(configured: ${keyring.keyIds.join(', ')})`,
      { keyId },
    );
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new DecryptionError(
      'AUTHENTICATION_FAILED',
      `Cannot decrypt ${describe(aad)} with key "${keyId}": authentication failed ` +
        '(tampered data, wrong key, or a ciphertext belonging to another row or field)',
      { keyId, cause },
    );
  }
}

/** The key id an envelope was written with, without decrypting. Throws MALFORMED for non-envelopes. */
export function envelopeKeyId(envelope: string): string {
  return parseEnvelope(envelope).keyId;
}

function parseEnvelope(envelope: string): Envelope {
  const parts = typeof envelope === 'string' ? envelope.split('.') : [];
  const [format, keyId, iv, tag, ciphertext] = parts;
  if (parts.length !== 5 || format !== FORMAT) malformed('it is not an rh1 envelope');
  if (keyId === undefined || !KEY_ID_PATTERN.test(keyId)) malformed('its key id is invalid');
  const bytes = [iv, tag, ciphertext].map((part) =>
    part !== undefined && BASE64URL.test(part) ? decodeBase64(part) : undefined,
  );
  const [ivBytes, tagBytes, ciphertextBytes] = bytes;
  if (ivBytes?.length !== IV_BYTES) malformed('its IV is not 12 bytes of base64url', keyId);
  if (tagBytes?.length !== TAG_BYTES) malformed('its tag is not 16 bytes of base64url', keyId);
  if (ciphertextBytes === undefined) malformed('its ciphertext is not base64url', keyId);
  return { keyId, iv: ivBytes, tag: tagBytes, ciphertext: ciphertextBytes };
}

function malformed(problem: string, keyId?: string): never {
  throw new DecryptionError('MALFORMED', `Cannot decrypt: ${problem}`, { keyId });
}

function describe(aad: AadContext): string {
  return `${aad.table}.${aad.field} of row ${aad.rowId}`;
}
