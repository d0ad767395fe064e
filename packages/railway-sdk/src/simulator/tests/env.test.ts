import { describe, expect, it } from 'vitest';
import { parseSimConfig } from '../env';
import { RATE_LIMIT_PRESETS } from '../rate-limit';

describe('standalone simulator configuration', () => {
  it('reads env vars, with flags taking precedence', () => {
    const config = parseSimConfig(['--port', '0', '--rate-limit=hobby', '--no-templates'], {
      RAILWAY_SIM_PORT: '5000',
      RAILWAY_SIM_LATENCY_MS: '40',
      RAILWAY_SIM_CLOCK: 'manual',
      RAILWAY_SIM_TOKEN: 'fixed-token',
    });
    expect(config).toMatchObject({
      port: 0,
      latencyMs: 40,
      clock: 'manual',
      token: 'fixed-token',
      rateLimit: RATE_LIMIT_PRESETS.hobby,
      seedTemplates: false,
    });
  });

  it('defaults to port 4010, the Pro budget and a real clock', () => {
    expect(parseSimConfig([], {})).toMatchObject({
      port: 4010,
      rateLimit: RATE_LIMIT_PRESETS.pro,
      clock: 'real',
      latencyMs: 0,
      stateFile: undefined,
    });
  });

  it('keeps its state in a file when asked (flag or env)', () => {
    expect(parseSimConfig(['--state-file', '/tmp/sim.json'], {}).stateFile).toBe('/tmp/sim.json');
    expect(parseSimConfig([], { RAILWAY_SIM_STATE_FILE: '/tmp/env.json' }).stateFile).toBe(
      '/tmp/env.json',
    );
  });

  it('accepts custom and disabled rate limits', () => {
    expect(parseSimConfig(['--rate-limit', '5/200'], {}).rateLimit).toEqual({
      perSecond: 5,
      perHour: 200,
    });
    expect(parseSimConfig([], { RAILWAY_SIM_RATE_LIMIT: 'off' }).rateLimit).toBe(false);
  });

  it.each([
    [['--port', 'abc'], /port/],
    [['--clock', 'fast'], /clock/],
    [['--rate-limit', 'lots'], /rate limit/],
    [['--bogus'], /Unknown argument/],
    [['--latency'], /needs a value/],
  ])('rejects %j clearly', (argv, message) => {
    expect(() => parseSimConfig(argv, {})).toThrow(message);
  });
});
