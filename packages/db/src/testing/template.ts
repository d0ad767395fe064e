import { createHash, randomBytes } from 'node:crypto';
import { createDatabaseIfMissing, withAdminClient, withDatabaseName } from '../admin';
import { createDb } from '../client';
import { migrateToLatest } from '../migrate';
import { migrations } from '../migrations';
import { knownWorkerMigrations } from '../worker-schema';

/**
 * Name of the migrated template for the current code: a hash of our migrations (names and
 * source, so editing an unshipped migration also invalidates it) and of graphile-worker's
 * schema revisions. A server shared by many runs keeps one template per schema version.
 */
export function templateName(): string {
  const hash = createHash('sha256');
  for (const [name, migration] of Object.entries(migrations)) {
    hash.update(`${name}\n${migration.up.toString()}\n${migration.down?.toString() ?? ''}\n`);
  }
  hash.update(knownWorkerMigrations.join(','));
  return `rh_template_${hash.digest('hex').slice(0, 16)}`;
}

/**
 * Creates the migrated template once per server. An advisory lock makes concurrent vitest
 * processes wait for the first one; the template is built under a scratch name and renamed
 * only once fully migrated, so a crash never leaves a half-migrated template behind.
 */
export async function ensureTemplateDatabase(serverUrl: string): Promise<string> {
  const template = templateName();
  await withAdminClient(serverUrl, async (client) => {
    await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [template]);
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [
      template,
    ]);
    if (rowCount) return;
    const scratch = `${template}_build_${randomBytes(4).toString('hex')}`;
    await createDatabaseIfMissing(client, scratch);
    const db = createDb(withDatabaseName(serverUrl, scratch), { max: 4 });
    try {
      await migrateToLatest(db);
    } catch (error) {
      await db.destroy();
      await client.query(`drop database ${client.escapeIdentifier(scratch)} with (force)`);
      throw error;
    }
    await db.destroy();
    const name = client.escapeIdentifier(template);
    await client.query(`alter database ${client.escapeIdentifier(scratch)} rename to ${name}`);
    // nobody may connect to it: a single session would make CREATE DATABASE ... TEMPLATE fail
    await client.query(`alter database ${name} with is_template true allow_connections false`);
  });
  return template;
}
