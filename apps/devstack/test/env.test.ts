import path from 'node:path';
import { ConfigurationError } from '@roundhouse/core';
import { describe, expect, it } from 'vitest';
import { apiUrl, childEnvironments, webUrl } from '../src/child-env';
import { loadStackConfig } from '../src/env';

const ROOT = '/repo';
const railway = {
  url: 'http://127.0.0.1:4010/graphql/v2',
  token: 'sim-token',
  workspaceId: 'ws-1',
  templateProjectId: 'tpl-1',
  publicUrlTemplate: 'http://127.0.0.1:4010/d/{domain}',
};

describe('stack configuration', () => {
  it('defaults to the documented ports and <repo>/.data, blank values meaning unset', () => {
    const config = loadStackConfig({ PORT: '', DATA_DIR: ' ' }, ROOT);
    expect(config.ports).toEqual({ api: 3000, web: 5173, worker: 3001, sim: 4010 });
    expect(config.dataDir).toBe(path.join(ROOT, '.data'));
    expect(config.e2e).toBe(false);
  });

  it('moves ports and the data directory (relative to the repository) for an isolated stack', () => {
    const config = loadStackConfig(
      { PORT: '4100', WEB_PORT: '4101', WORKER_PORT: '4102', SIM_PORT: '4103', DATA_DIR: 'tmp/x' },
      ROOT,
    );
    expect(config.ports).toEqual({ api: 4100, web: 4101, worker: 4102, sim: 4103 });
    expect(config.dataDir).toBe(path.join(ROOT, 'tmp/x'));
    expect(loadStackConfig({ DATA_DIR: '/abs/dir', ROUNDHOUSE_E2E: '1' }, ROOT)).toMatchObject({
      dataDir: '/abs/dir',
      e2e: true,
    });
  });

  it('refuses bad ports, naming every problem', () => {
    expect(() => loadStackConfig({ PORT: 'http', SIM_PORT: '70000' }, ROOT)).toThrow(
      /PORT: .*SIM_PORT: /,
    );
    expect(() => loadStackConfig({ PORT: '0' }, ROOT)).toThrow(ConfigurationError);
    expect(() => loadStackConfig({ WEB_PORT: '3000' }, ROOT)).toThrow(
      'web and api both use port 3000',
    );
  });

  it('gives the api and the worker one database, data dir and Railway, and the web its api', () => {
    const config = loadStackConfig({ PATH: '/bin', RAILWAY_API_TOKEN: 'real-token' }, ROOT);
    const envs = childEnvironments(config, 'postgres://db/roundhouse', railway);
    for (const env of [envs.api, envs.worker]) {
      expect(env).toMatchObject({
        PATH: '/bin',
        NODE_ENV: 'development',
        DATABASE_URL: 'postgres://db/roundhouse',
        DATA_DIR: path.join(ROOT, '.data'),
        APP_URL: 'http://localhost:5173',
        // The simulator always wins over a real token left in the shell.
        RAILWAY_API_TOKEN: 'sim-token',
        RAILWAY_API_URL: railway.url,
        RAILWAY_WORKSPACE_ID: 'ws-1',
        RAILWAY_TEMPLATE_PROJECT_ID: 'tpl-1',
        RAILWAY_PUBLIC_URL_TEMPLATE: railway.publicUrlTemplate,
      });
      expect(env.PAYMENTS_MODE).toBeUndefined();
    }
    expect(envs.api.PORT).toBe('3000');
    expect(envs.worker.WORKER_PORT).toBe('3001');
    expect(envs.web).toMatchObject({ WEB_PORT: '5173', API_ORIGIN: 'http://127.0.0.1:3000' });
    expect(envs.web.DATABASE_URL).toBeUndefined();
    expect([webUrl(config), apiUrl(config)]).toEqual([
      'http://localhost:5173',
      'http://127.0.0.1:3000',
    ]);
  });
});
