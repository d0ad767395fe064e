import { defineTask } from '../define-task';
import { ENCRYPTED_COLUMNS } from '../rotation/encrypted-columns';
import { keyUsage } from '../rotation/key-usage';
import { reencryptColumn } from '../rotation/reencrypt-column';

const DEFAULT_BATCH_SIZE = 500;

/**
 * Re-encrypts every credential and webhook secret under the primary key (first of
 * ENCRYPTION_KEYS). Run after putting a new key first; once the "after" report shows no rows on
 * an old key, that key can be removed from the ring. Safe to run again at any time.
 */
export const rotateEncryptionKeysTask = defineTask(
  'rotate_encryption_keys',
  async (payload, ctx) => {
    const batchSize = payload.batchSize ?? DEFAULT_BATCH_SIZE;
    const before = await keyUsage(ctx.db, ctx.keyring);
    ctx.logger.info({ report: before }, 'key usage before rotation');
    const columns = [];
    for (const column of ENCRYPTED_COLUMNS) {
      columns.push(
        await reencryptColumn(ctx.db, ctx.keyring, column, { batchSize, logger: ctx.logger }),
      );
    }
    const after = await keyUsage(ctx.db, ctx.keyring);
    ctx.logger.info({ report: after, columns }, 'key usage after rotation');
  },
);
