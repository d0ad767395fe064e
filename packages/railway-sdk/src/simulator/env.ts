/**
 * Configuration of the standalone simulator (`pnpm --filter @roundhouse/railway-sdk sim`).
 * Flags win over environment variables:
 *   --port / RAILWAY_SIM_PORT             (default 4010; 0 = any free port)
 *   --host / RAILWAY_SIM_HOST             (default 127.0.0.1)
 *   --rate-limit / RAILWAY_SIM_RATE_LIMIT free | hobby | pro | off | <perSecond>/<perHour>  (default pro)
 *   --latency / RAILWAY_SIM_LATENCY_MS    added to every GraphQL response (default 0)
 *   --clock / RAILWAY_SIM_CLOCK           real | manual (default real)
 *   --seed / RAILWAY_SIM_SEED             (default 1)
 *   --token / RAILWAY_SIM_TOKEN           fixed workspace token (default generated)
 *   --no-templates / RAILWAY_SIM_TEMPLATES=false
 *   --state-file / RAILWAY_SIM_STATE_FILE JSON file the state is kept in across restarts (default none)
 */
import { RATE_LIMIT_PRESETS, type RateLimitBudget } from './rate-limit';
import type { SimulatorOptions } from './simulator';

type Source = Record<string, string | undefined>;

const FLAGS: Record<string, string> = {
  port: 'RAILWAY_SIM_PORT',
  host: 'RAILWAY_SIM_HOST',
  'rate-limit': 'RAILWAY_SIM_RATE_LIMIT',
  latency: 'RAILWAY_SIM_LATENCY_MS',
  clock: 'RAILWAY_SIM_CLOCK',
  seed: 'RAILWAY_SIM_SEED',
  token: 'RAILWAY_SIM_TOKEN',
  templates: 'RAILWAY_SIM_TEMPLATES',
  'state-file': 'RAILWAY_SIM_STATE_FILE',
};

/** `--name value`, `--name=value` and `--no-templates` into env-style keys. */
function flagsToEnv(argv: readonly string[]): Source {
  const out: Source = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--no-templates') {
      out.RAILWAY_SIM_TEMPLATES = 'false';
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const key = match && FLAGS[match[1]!];
    if (!match || !key) throw new Error(`Unknown argument ${arg}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    out[key] = value;
  }
  return out;
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

export function parseRateLimit(value: string | undefined): RateLimitBudget | false {
  if (value === undefined || value === '') return RATE_LIMIT_PRESETS.pro;
  if (value === 'off' || value === 'false') return false;
  if (value in RATE_LIMIT_PRESETS)
    return RATE_LIMIT_PRESETS[value as keyof typeof RATE_LIMIT_PRESETS];
  const custom = /^(\d+)\/(\d+)$/.exec(value);
  if (custom && Number(custom[1]) > 0 && Number(custom[2]) > 0) {
    return { perSecond: Number(custom[1]), perHour: Number(custom[2]) };
  }
  throw new Error(
    `rate limit must be free, hobby, pro, off or <perSecond>/<perHour>, got "${value}"`,
  );
}

export function parseSimConfig(argv: readonly string[], env: Source): SimulatorOptions {
  const src = { ...env, ...flagsToEnv(argv) };
  const clock = src.RAILWAY_SIM_CLOCK ?? 'real';
  if (clock !== 'real' && clock !== 'manual')
    throw new Error(`clock must be real or manual, got "${clock}"`);
  return {
    port: integer('port', src.RAILWAY_SIM_PORT, 4010),
    host: src.RAILWAY_SIM_HOST || '127.0.0.1',
    rateLimit: parseRateLimit(src.RAILWAY_SIM_RATE_LIMIT),
    latencyMs: integer('latency', src.RAILWAY_SIM_LATENCY_MS, 0),
    clock,
    seed: integer('seed', src.RAILWAY_SIM_SEED, 1),
    token: src.RAILWAY_SIM_TOKEN || undefined,
    seedTemplates: src.RAILWAY_SIM_TEMPLATES !== 'false',
    stateFile: src.RAILWAY_SIM_STATE_FILE || undefined,
  };
}

export function readSimConfig(argv: readonly string[] = process.argv.slice(2)): SimulatorOptions {
  return parseSimConfig(argv, process.env);
}
