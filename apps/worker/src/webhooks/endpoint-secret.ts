import { decrypt, type Keyring } from '@roundhouse/crypto';

/** The signing secret of an endpoint, decrypted under the AAD the api sealed it with. */
export function endpointSecret(
  keyring: Keyring,
  endpoint: { id: string; secret_ciphertext: string },
): string {
  return decrypt(keyring, endpoint.secret_ciphertext, {
    table: 'webhook_endpoints',
    rowId: endpoint.id,
    field: 'secret_ciphertext',
  });
}
