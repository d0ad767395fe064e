/** Every encrypted column: where it lives, and the AAD field name it was sealed with. */
export interface EncryptedColumn {
  table: 'channel_credentials' | 'webhook_endpoints';
  cipherColumn: string;
  versionColumn: string;
}

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'channel_credentials', cipherColumn: 'ciphertext', versionColumn: 'key_version' },
  {
    table: 'webhook_endpoints',
    cipherColumn: 'secret_ciphertext',
    versionColumn: 'secret_key_version',
  },
];
