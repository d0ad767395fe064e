import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** What WeChat Pay encrypts a notification's `resource` with. */
export const AEAD_ALGORITHM = 'AEAD_AES_256_GCM';
const TAG_BYTES = 16;

/** A notification's `resource`: the ciphertext carries the GCM tag as its last 16 bytes. */
export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
  original_type?: string;
}

/**
 * Decrypts with the APIv3 key (32 ASCII bytes). The tag is checked: a changed ciphertext,
 * nonce, associated data or tag throws, as does a short ciphertext without room for a tag.
 */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== AEAD_ALGORITHM) {
    throw new Error(`Unsupported algorithm ${resource.algorithm}`);
  }
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length <= TAG_BYTES) throw new Error('The ciphertext is too short to hold a tag');
  const decipher = createDecipheriv('aes-256-gcm', apiV3KeyBytes(apiV3Key), resource.nonce, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  return Buffer.concat([
    decipher.update(data.subarray(0, data.length - TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
}

/** What WeChat Pay does to a resource (the sandbox and tests play WeChat Pay). */
export function encryptResource(
  plaintext: string,
  apiV3Key: string,
  associatedData: string,
  originalType = 'transaction',
): EncryptedResource {
  // WeChat's nonces are 12 printable characters, used as the 12-byte IV.
  const nonce = randomBytes(9).toString('base64url');
  const cipher = createCipheriv('aes-256-gcm', apiV3KeyBytes(apiV3Key), nonce, {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const data = Buffer.concat([
    cipher.update(plaintext, 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return {
    original_type: originalType,
    algorithm: AEAD_ALGORITHM,
    ciphertext: data.toString('base64'),
    associated_data: associatedData,
    nonce,
  };
}

/** The APIv3 key is a 32-character string used as the AES-256 key bytes as they are. */
export function apiV3KeyBytes(apiV3Key: string): Buffer {
  const bytes = Buffer.from(apiV3Key, 'utf8');
  if (bytes.length !== 32) throw new Error('The WeChat Pay APIv3 key must be 32 bytes');
  return bytes;
}
