export type { AadContext } from './aad';
export { decrypt, encrypt, envelopeKeyId } from './envelope';
export { DecryptionError, KeyringError, type DecryptionErrorCode } from './errors';
export { fingerprint, last4 } from './fingerprint';
export {
  generateKey,
  parseKeyring,
  SINGLE_KEY_ID,
  type Keyring,
  type KeyringSource,
} from './keyring';
export {
  createRedactor,
  MIN_SECRET_LENGTH,
  redact,
  REDACTED,
  type RedactOptions,
  type Redactor,
} from './redact';
export { isSecretKey, redactDeep } from './redact-deep';
export { sealer, type Sealed } from './sealer';
export { keyUsageReport, needsRotation, reencrypt, type KeyUsageReport } from './rotation';
