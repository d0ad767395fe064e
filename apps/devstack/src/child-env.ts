import type { Env, StackConfig } from './env';

/** What the simulator hands the stack: where Railway is and which template to clone. */
export interface RailwayEndpoint {
  url: string;
  token: string;
  workspaceId: string;
  templateProjectId: string;
  publicUrlTemplate: string;
}

export interface ChildEnvs {
  api: Env;
  worker: Env;
  web: Env;
}

/** The browser's URL of the dashboard (Vite in development). */
export function webUrl(config: StackConfig): string {
  return `http://localhost:${config.ports.web}`;
}

export function apiUrl(config: StackConfig): string {
  return `http://127.0.0.1:${config.ports.api}`;
}

/**
 * The environment of each child. The api and the worker share one database, one data directory
 * (their generated secrets must match) and one Railway; APP_URL is the dashboard's origin, which
 * the api trusts for cookie-authenticated calls. Payments keep their sandbox default.
 */
export function childEnvironments(
  config: StackConfig,
  databaseUrl: string,
  railway: RailwayEndpoint,
): ChildEnvs {
  const shared: Env = {
    ...config.inherited,
    NODE_ENV: 'development',
    LOG_LEVEL: config.logLevel,
    DATA_DIR: config.dataDir,
    DATABASE_URL: databaseUrl,
    APP_URL: webUrl(config),
    RAILWAY_API_URL: railway.url,
    RAILWAY_API_TOKEN: railway.token,
    RAILWAY_WORKSPACE_ID: railway.workspaceId,
    RAILWAY_TEMPLATE_PROJECT_ID: railway.templateProjectId,
    RAILWAY_PUBLIC_URL_TEMPLATE: railway.publicUrlTemplate,
  };
  return {
    api: { ...shared, PORT: String(config.ports.api) },
    worker: { ...shared, WORKER_PORT: String(config.ports.worker) },
    web: {
      ...config.inherited,
      WEB_PORT: String(config.ports.web),
      API_ORIGIN: apiUrl(config),
    },
  };
}
