import pg from 'pg';

/**
 * Runs `fn` while holding a session-level advisory lock on a connection of its own (not from the
 * pool, so `fn` can use every pool connection). Other holders of the same `name` wait. The lock
 * goes away with the connection, so a crashed holder never leaves it stuck.
 */
export async function withSessionLock<T>(
  config: pg.ClientConfig,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ ...config, application_name: `roundhouse lock ${name}` });
  // A broken lock connection surfaces through the queries below; don't crash the process.
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [name]);
    return await fn();
  } finally {
    await client.end();
  }
}
