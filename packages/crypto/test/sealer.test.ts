import { expect, it } from 'vitest';
import { decrypt, DecryptionError, envelopeKeyId, parseKeyring, sealer } from '../src';
import { rawKey, thrown } from './helpers';

const keyring = parseKeyring({ keys: `v2:${rawKey()},v1:${rawKey()}` });

it('seals a value for the row it is written to, under the primary key', () => {
  const seal = sealer(keyring, 'channel_credentials', 'ciphertext', 'sk-secret');
  const { ciphertext, keyVersion } = seal('row-1');
  expect(keyVersion).toBe('v2');
  expect(envelopeKeyId(ciphertext)).toBe('v2');
  const aad = { table: 'channel_credentials', field: 'ciphertext' };
  expect(decrypt(keyring, ciphertext, { ...aad, rowId: 'row-1' })).toBe('sk-secret');
  // Copied to another row (or column), the ciphertext no longer decrypts.
  expect(thrown(() => decrypt(keyring, ciphertext, { ...aad, rowId: 'row-2' }))).toBeInstanceOf(
    DecryptionError,
  );
  expect(
    thrown(() => decrypt(keyring, ciphertext, { ...aad, field: 'other', rowId: 'row-1' })),
  ).toBeInstanceOf(DecryptionError);
});
