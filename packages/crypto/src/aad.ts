import { ResourceError } from '@roundhouse/core';

/**
 * Where a ciphertext lives. It is authenticated with the ciphertext (GCM associated data), so a
 * ciphertext copied into another row, table or field no longer decrypts.
 */
export interface AadContext {
  table: string;
  rowId: string;
  field: string;
}

/**
 * Canonical, unambiguous encoding: every part is a 4-byte big-endian length followed by its UTF-8
 * bytes, so ("ab","c") and ("a","bc") can never encode alike. The envelope header (format version
 * and key id) is bound too, so relabelling a ciphertext with another key id fails even if two ids
 * were ever given the same key.
 */
export function encodeAad(header: readonly [string, string], aad: AadContext): Buffer {
  const parts = [...header, ...validateAad(aad)].map((part) => Buffer.from(part, 'utf8'));
  const out = Buffer.alloc(parts.reduce((size, part) => size + 4 + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    offset = out.writeUInt32BE(part.length, offset);
    offset += part.copy(out, offset);
  }
  return out;
}

function validateAad(aad: AadContext): string[] {
  const values = [aad?.table, aad?.rowId, aad?.field];
  if (!values.every((value) => typeof value === 'string' && value !== '')) {
    throw new ResourceError('Encryption context needs non-empty string table, rowId and field', {
      reason: 'INVALID',
    });
  }
  return values as string[];
}
