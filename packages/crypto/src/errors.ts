import { ConfigurationError } from '@roundhouse/core';

/**
 * ENCRYPTION_KEYS / ENCRYPTION_KEY is missing or invalid. A CONFIGURATION error: the process
 * cannot start correctly and retrying will not help. Messages name the entry and the problem but
 * never contain key material.
 */
export class KeyringError extends ConfigurationError {
  constructor(message: string) {
    super(message, { reason: 'INVALID' });
  }
}

export const DECRYPTION_ERROR_CODES = [
  'UNKNOWN_KEY',
  'MALFORMED',
  'AUTHENTICATION_FAILED',
] as const;
export type DecryptionErrorCode = (typeof DECRYPTION_ERROR_CODES)[number];

/**
 * A stored ciphertext could not be opened. Decryption fails closed: there is no partial or
 * best-effort result. It is a CONFIGURATION error (not retryable) because the usual causes are a
 * key removed from the ring or the wrong key configured; tampered or corrupted data is not fixed
 * by retrying either. GCM cannot tell a wrong key, tampered bytes and wrong associated data apart,
 * so all three are AUTHENTICATION_FAILED.
 */
export class DecryptionError extends ConfigurationError {
  readonly code: DecryptionErrorCode;
  /** The key id named by the envelope, when it could be read (ids are not secret). */
  readonly keyId: string | undefined;

  constructor(
    code: DecryptionErrorCode,
    message: string,
    options: { keyId?: string | undefined; cause?: unknown } = {},
  ) {
    const { keyId, cause } = options;
    super(message, {
      cause,
      reason: code === 'UNKNOWN_KEY' ? 'NOT_FOUND' : 'INVALID',
      details: keyId === undefined ? { code } : { code, keyId },
    });
    this.code = code;
    this.keyId = keyId;
  }
}
