import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '@roundhouse/core';
import { z } from 'zod';

/** The repository root: children run from their app folders, data defaults to `<root>/.data`. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const port = z.coerce.number().int().min(1).max(65_535);
const text = z.string().trim().optional();

const envSchema = z.object({
  PORT: port.default(3000),
  WEB_PORT: port.default(5173),
  WORKER_PORT: port.default(3001),
  // Fixed by default: instance public URLs stored in the database point at the simulator.
  SIM_PORT: port.default(4010),
  DATA_DIR: text,
  DATABASE_URL: text,
  ROUNDHOUSE_E2E: z.enum(['0', '1']).default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = Record<string, string | undefined>;

export interface StackConfig {
  repoRoot: string;
  /** Postgres cluster, simulator state, generated secrets, sandbox payments. */
  dataDir: string;
  ports: { api: number; web: number; worker: number; sim: number };
  /** Use this Postgres instead of the embedded one. */
  databaseUrl: string | undefined;
  /** Browser tests: write `<dataDir>/seed-credentials.json` so they can sign in. */
  e2e: boolean;
  logLevel: string;
  /** What the children inherit (PATH, HOME…), before the stack's own settings. */
  inherited: Env;
}

/** Reads the stack's settings; bad values are refused with every problem named. */
export function loadStackConfig(source: Env = process.env, repoRoot = REPO_ROOT): StackConfig {
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigurationError(`Invalid start configuration: ${problems.join('; ')}`);
  }
  const env = parsed.data;
  const ports = { api: env.PORT, web: env.WEB_PORT, worker: env.WORKER_PORT, sim: env.SIM_PORT };
  const taken = new Map<number, string>();
  for (const [name, value] of Object.entries(ports)) {
    const other = taken.get(value);
    if (other) throw new ConfigurationError(`${name} and ${other} both use port ${value}`);
    taken.set(value, name);
  }
  return {
    repoRoot,
    // Relative to the repository, not to the folder pnpm runs the script in.
    dataDir: path.resolve(repoRoot, env.DATA_DIR ?? '.data'),
    ports,
    databaseUrl: env.DATABASE_URL,
    e2e: env.ROUNDHOUSE_E2E === '1',
    logLevel: env.LOG_LEVEL,
    inherited: source,
  };
}
