import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ConfigurationError } from '@roundhouse/core';
import { parseKeyring } from '@roundhouse/crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'rh-worker-env-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('loadEnv', () => {
  it('fills development defaults and treats blank values as unset', () => {
    const env = loadEnv({ DATABASE_URL: '  ', WORKER_CONCURRENCY: '' }, dataDir);
    expect(env).toMatchObject({
      nodeEnv: 'development',
      databaseUrl: undefined,
      railway: { token: undefined, rateLimit: 'hobby' },
      monitor: { checkIntervalMs: 5_000, alertThreshold: 3, deploymentTimeoutMs: 1_800_000 },
      smtpUrl: undefined,
      port: 3001,
      concurrency: 8,
    });
    // the dev key is generated once under .data and usable as a keyring
    expect(() => parseKeyring(env.encryption)).not.toThrow();
  });

  it('reads the shared development secrets from DATA_DIR when set', async () => {
    const other = path.join(dataDir, 'elsewhere');
    const env = loadEnv({ DATA_DIR: other }, path.join(dataDir, 'default'));
    expect(env.dataDir).toBe(other);
    expect(await readFile(path.join(other, 'encryption-keys'), 'utf8')).toBe(
      `${env.encryption.keys}\n`,
    );
  });

  it('reads the encryption key the api persisted, and keeps it across restarts', async () => {
    await writeFile(
      path.join(dataDir, 'encryption-keys'),
      'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n',
    );
    expect(loadEnv({}, dataDir).encryption.keys).toBe(
      'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    );
  });

  it('parses the settings it is given', () => {
    const env = loadEnv(
      {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/rh',
        RAILWAY_API_TOKEN: 'token',
        RAILWAY_WORKSPACE_ID: 'ws',
        RAILWAY_TEMPLATE_PROJECT_ID: 'tpl',
        RAILWAY_RATE_LIMIT: 'pro',
        ENCRYPTION_KEYS: 'v2:abc,v1:def',
        MONITOR_CHECK_INTERVAL: '2000',
        SMTP_URL: 'smtp://mail.example:25',
        WORKER_PORT: '9100',
      },
      dataDir,
    );
    expect(env).toMatchObject({
      nodeEnv: 'production',
      railway: { token: 'token', workspaceId: 'ws', templateProjectId: 'tpl', rateLimit: 'pro' },
      encryption: { keys: 'v2:abc,v1:def' },
      monitor: { checkIntervalMs: 2_000 },
      smtpUrl: 'smtp://mail.example:25',
      port: 9100,
    });
  });

  it('rejects bad values with a message naming the variable', () => {
    expect(() => loadEnv({ WORKER_CONCURRENCY: 'many' }, dataDir)).toThrow(/WORKER_CONCURRENCY/);
    expect(() => loadEnv({ SMTP_URL: 'http://mail' }, dataDir)).toThrow(/SMTP_URL/);
    expect(() => loadEnv({ RAILWAY_PUBLIC_URL_TEMPLATE: 'https://x' }, dataDir)).toThrow(
      ConfigurationError,
    );
  });

  it('refuses production without a database, a Railway token and a key', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' }, dataDir)).toThrow(
      'Required when NODE_ENV=production: DATABASE_URL, RAILWAY_API_TOKEN, ENCRYPTION_KEYS (or ENCRYPTION_KEY)',
    );
  });

  it('needs the workspace and template alongside a Railway token', () => {
    expect(() => loadEnv({ RAILWAY_API_TOKEN: 't' }, dataDir)).toThrow(/RAILWAY_WORKSPACE_ID/);
  });
});

describe('development secret', () => {
  it('is created exactly once when several processes start together', async () => {
    const envModule = fileURLToPath(new URL('../src/env.ts', import.meta.url));
    const script = `import { loadEnv } from ${JSON.stringify(envModule)}; process.stdout.write(loadEnv({}, ${JSON.stringify(dataDir)}).encryption.keys);`;
    const run = promisify(execFile);
    const outputs = await Promise.all(
      Array.from({ length: 4 }, () =>
        run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]),
      ),
    );
    const keys = new Set(outputs.map((output) => output.stdout));
    expect(keys.size).toBe(1);
    expect(`${[...keys][0]}\n`).toBe(await readFile(path.join(dataDir, 'encryption-keys'), 'utf8'));
  });
});
