import { encrypt, envelopeKeyId } from './envelope';
import type { Keyring } from './keyring';

/** An encrypted column value and the id of the key that wrote it (stored for rotation). */
export interface Sealed {
  ciphertext: string;
  keyVersion: string;
}

/**
 * Encrypts `plaintext` for one column of one row: the AAD binds the ciphertext to
 * `table`/`field` and the row id, so a ciphertext copied to another row no longer decrypts.
 * Repositories call the returned function with the id of the row they are about to write.
 */
export function sealer(
  keyring: Keyring,
  table: string,
  field: string,
  plaintext: string,
): (rowId: string) => Sealed {
  return (rowId) => {
    const ciphertext = encrypt(keyring, plaintext, { table, rowId, field });
    return { ciphertext, keyVersion: envelopeKeyId(ciphertext) };
  };
}
