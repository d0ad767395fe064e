import pg from 'pg';

/** The same server URL pointing at another database. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Runs `fn` with a short-lived client for server-level commands (CREATE/DROP DATABASE). */
export async function withAdminClient<T>(
  url: string,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'roundhouse admin' });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const DUPLICATE_DATABASE = '42P04';

/** CREATE DATABASE unless it exists; concurrent callers are fine (the loser's error is ignored). */
export async function createDatabaseIfMissing(
  client: pg.Client,
  name: string,
  template?: string,
): Promise<boolean> {
  const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
  if (rowCount) return false;
  const from = template === undefined ? '' : ` template ${client.escapeIdentifier(template)}`;
  try {
    await client.query(`create database ${client.escapeIdentifier(name)}${from}`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === DUPLICATE_DATABASE) return false;
    throw error;
  }
}
