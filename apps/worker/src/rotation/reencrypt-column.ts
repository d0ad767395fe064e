import { envelopeKeyId, type Keyring, reencrypt } from '@roundhouse/crypto';
import type { Db } from '@roundhouse/db';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { EncryptedColumn } from './encrypted-columns';

export interface ColumnRotation {
  table: string;
  rotated: number;
  /** Rows that could not be decrypted (tampered, or sealed for another row): left as they are. */
  failed: number;
}

/**
 * Moves every value of one column that is on an older key of the ring onto the primary key, in
 * batches, each in its own short transaction. The AAD (table, row id, field) stays the same. A
 * row changed meanwhile by the api (new credentials) is skipped by the compare-and-set: it is on
 * the primary key already. Rows on keys no longer in the ring cannot be read and are not touched.
 */
export async function reencryptColumn(
  db: Db,
  keyring: Keyring,
  column: EncryptedColumn,
  options: { batchSize: number; logger: Logger },
): Promise<ColumnRotation> {
  const result: ColumnRotation = { table: column.table, rotated: 0, failed: 0 };
  const olderKeys = keyring.keyIds.filter((id) => id !== keyring.primaryKeyId);
  if (olderKeys.length === 0) return result;
  const ref = {
    table: sql.table(column.table),
    cipher: sql.ref(column.cipherColumn),
    version: sql.ref(column.versionColumn),
  };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ id: string; envelope: string }>`
        select id::text as id, ${ref.cipher} as envelope from ${ref.table}
        where ${ref.version} = any(${olderKeys}::text[]) and id > ${after}::uuid
        order by id limit ${options.batchSize}
        for update skip locked
      `.execute(trx);
      for (const row of rows) {
        let next: string;
        try {
          next = reencrypt(keyring, row.envelope, {
            table: column.table,
            rowId: row.id,
            field: column.cipherColumn,
          });
        } catch (error) {
          result.failed += 1;
          options.logger.error(
            { table: column.table, rowId: row.id, err: error },
            'cannot re-encrypt row',
          );
          continue;
        }
        const updated = await sql`
          update ${ref.table} set ${ref.cipher} = ${next}, ${ref.version} = ${envelopeKeyId(next)}
          where id = ${row.id}::uuid and ${ref.cipher} = ${row.envelope}
        `.execute(trx);
        result.rotated += Number(updated.numAffectedRows ?? 0);
      }
      return rows;
    });
    const last = batch.at(-1);
    if (!last || batch.length < options.batchSize) return result;
    after = last.id;
  }
}
