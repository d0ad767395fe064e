import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '@roundhouse/core';
import { generateKey, parseKeyring } from '@roundhouse/crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'roundhouse-env-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('loadEnv', () => {
  it('has working development defaults and keeps generated secrets across restarts', async () => {
    // As .env.example leaves them: present but empty.
    const first = loadEnv(
      { PORT: '', DATABASE_URL: '', AUTH_SECRET: '', ENCRYPTION_KEYS: '' },
      dataDir,
    );
    expect(first).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      appUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      trustedOrigins: [],
      logLevel: 'info',
    });
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(parseKeyring(first.encryption).keyIds).toEqual(['k1']);
    expect((await stat(path.join(dataDir, 'auth-secret'))).mode & 0o777).toBe(0o600);

    const second = loadEnv({}, dataDir);
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.encryption).toEqual(first.encryption);
  });

  it('keeps its development data under DATA_DIR when set (an isolated stack)', async () => {
    const other = path.join(dataDir, 'elsewhere');
    const config = loadEnv({ DATA_DIR: other }, path.join(dataDir, 'default'));
    expect(config.dataDir).toBe(other);
    expect(await readFile(path.join(other, 'auth-secret'), 'utf8')).toBe(`${config.authSecret}\n`);
    await expect(stat(path.join(dataDir, 'default'))).rejects.toThrow(/ENOENT/);
  });

  it('uses what is configured and generates nothing then', async () => {
    const key = generateKey();
    const config = loadEnv(
      {
        NODE_ENV: 'production',
        PORT: '8080',
        APP_URL: 'https://app.example.com',
        AUTH_SECRET: 's'.repeat(40),
        ENCRYPTION_KEYS: `v2:${key}`,
        DATABASE_URL: 'postgres://db.internal/roundhouse',
        TRUSTED_ORIGINS: 'https://admin.example.com/, https://ops.example.com',
        LOG_LEVEL: 'warn',
      },
      dataDir,
    );
    expect(config).toMatchObject({
      nodeEnv: 'production',
      port: 8080,
      authSecret: 's'.repeat(40),
      encryption: { keys: `v2:${key}` },
      databaseUrl: 'postgres://db.internal/roundhouse',
      trustedOrigins: ['https://admin.example.com', 'https://ops.example.com'],
      logLevel: 'warn',
    });
    await expect(readFile(path.join(dataDir, 'auth-secret'))).rejects.toThrow();
  });

  it('requires AUTH_SECRET and an encryption key in production', () => {
    expect(() =>
      loadEnv({ NODE_ENV: 'production', ENCRYPTION_KEY: generateKey() }, dataDir),
    ).toThrow(/AUTH_SECRET is required/);
    expect(() => loadEnv({ NODE_ENV: 'production', AUTH_SECRET: 's'.repeat(32) }, dataDir)).toThrow(
      /ENCRYPTION_KEYS \(or ENCRYPTION_KEY\) is required/,
    );
  });

  it('runs one API process unless API_WORKERS asks for 1 to 64', () => {
    expect(loadEnv({}, dataDir).apiWorkers).toBe(1);
    expect(loadEnv({ API_WORKERS: '' }, dataDir).apiWorkers).toBe(1);
    expect(loadEnv({ API_WORKERS: ' 4 ' }, dataDir).apiWorkers).toBe(4);
    expect(loadEnv({ API_WORKERS: '64' }, dataDir).apiWorkers).toBe(64);
    for (const invalid of ['0', '65', '1.5', 'two', '-2']) {
      const attempt = () => loadEnv({ API_WORKERS: invalid }, dataDir);
      expect(attempt).toThrow(ConfigurationError);
      expect(attempt).toThrow('API_WORKERS: expected a whole number from 1 to 64');
    }
  });

  it('trusts no proxy unless TRUST_PROXY_HOPS says how many are in front (0 to 10)', () => {
    expect(loadEnv({}, dataDir).trustedProxyHops).toBe(0);
    expect(loadEnv({ TRUST_PROXY_HOPS: '1' }, dataDir).trustedProxyHops).toBe(1);
    for (const invalid of ['-1', '11', '0.5', 'yes']) {
      const attempt = () => loadEnv({ TRUST_PROXY_HOPS: invalid }, dataDir);
      expect(attempt).toThrow('TRUST_PROXY_HOPS: expected a whole number from 0 to 10');
    }
  });

  it('holds DATABASE_POOL_SIZE connections per process (1 to 100, default 10)', () => {
    expect(loadEnv({}, dataDir).databasePoolSize).toBe(10);
    expect(loadEnv({ DATABASE_POOL_SIZE: '4' }, dataDir).databasePoolSize).toBe(4);
    for (const invalid of ['0', '101', '2.5', 'many']) {
      const attempt = () => loadEnv({ DATABASE_POOL_SIZE: invalid }, dataDir);
      expect(attempt).toThrow('DATABASE_POOL_SIZE: expected a whole number from 1 to 100');
    }
  });

  it('names every invalid variable in one ConfigurationError', () => {
    const attempt = () =>
      loadEnv(
        { PORT: 'eighty', APP_URL: 'ftp://x', AUTH_SECRET: 'short', TRUSTED_ORIGINS: 'nope' },
        dataDir,
      );
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/PORT.*APP_URL.*AUTH_SECRET.*TRUSTED_ORIGINS/s);
  });
});
