import { type Keyring, keyUsageReport, type KeyUsageReport } from '@roundhouse/crypto';
import type { Db } from '@roundhouse/db';
import { sql } from 'kysely';
import { ENCRYPTED_COLUMNS } from './encrypted-columns';

/** Which key every encrypted value is on, over all encrypted columns. */
export async function keyUsage(db: Db, keyring: Keyring): Promise<KeyUsageReport> {
  const keyIds: string[] = [];
  for (const column of ENCRYPTED_COLUMNS) {
    const { rows } = await sql<{ key_id: string; count: string }>`
      select ${sql.ref(column.versionColumn)} as key_id, count(*)::text as count
      from ${sql.table(column.table)} group by 1
    `.execute(db);
    for (const row of rows) keyIds.push(...Array<string>(Number(row.count)).fill(row.key_id));
  }
  return keyUsageReport(keyring, keyIds);
}
