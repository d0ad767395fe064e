import { describe, expect, it } from 'vitest';
import {
  buildInstanceVariables,
  type BuildInstanceVariablesInput,
  type InstanceVariablesIssue,
} from '../src/env-vars';
import { ConfigurationError } from '../src/errors';
import { CHANNEL_SAMPLES, goodCredentials } from './channel-samples';

const INSTANCE = {
  id: '5f0c6a7e-1b2d-4c3e-8f9a-0b1c2d3e4f50',
  name: 'Acme support bot',
  subscriptionId: '0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a',
  userId: 'user_123',
};
const TELEGRAM_TOKEN = CHANNEL_SAMPLES.TELEGRAM.botToken!.good;
const OPENAI_KEY = CHANNEL_SAMPLES.OPENAI.apiKey!.good;

function input(overrides: Partial<BuildInstanceVariablesInput> = {}): BuildInstanceVariablesInput {
  return {
    instance: INSTANCE,
    appUrl: 'https://app.roundhouse.example',
    plan: 'BASIC',
    credentials: [
      { channel: 'TELEGRAM', values: { botToken: TELEGRAM_TOKEN } },
      { channel: 'OPENAI', values: { apiKey: OPENAI_KEY } },
    ],
    ...overrides,
  };
}

/** The issues of the ConfigurationError `build` throws; fails the test if it does not throw. */
function refusal(build: () => unknown): {
  error: ConfigurationError;
  issues: InstanceVariablesIssue[];
} {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    const configError = error as ConfigurationError;
    expect(configError.reason).toBe('INVALID');
    return { error: configError, issues: configError.details?.issues as InstanceVariablesIssue[] };
  }
  throw new Error('expected buildInstanceVariables to refuse');
}

describe('buildInstanceVariables', () => {
  it('builds system, plan, credential and callback variables', () => {
    expect(buildInstanceVariables(input())).toStrictEqual({
      APP_URL: 'https://app.roundhouse.example',
      ENABLED_CHANNELS: 'telegram',
      ENABLED_MODEL_PROVIDERS: 'openai',
      NODE_ENV: 'production',
      OPENAI_API_KEY: OPENAI_KEY,
      PLAN_FEATURES:
        'chat_channels,deployment_logs,email_alerts,health_monitoring,model_providers,one_click_redeploy,web_dashboard',
      PLAN_ID: 'BASIC',
      PLAN_MAX_CHANNELS: '1',
      PLAN_MEMORY_MB: '512',
      PLAN_MODEL_TIER: 'standard',
      PLAN_MONTHLY_MESSAGE_QUOTA: '5000',
      PLAN_SUPPORT_LEVEL: 'community',
      PLAN_VCPU: '0.5',
      PLAN_VERSION: '1',
      ROUNDHOUSE_INSTANCE_ID: INSTANCE.id,
      ROUNDHOUSE_INSTANCE_NAME: 'Acme support bot',
      ROUNDHOUSE_SUBSCRIPTION_ID: INSTANCE.subscriptionId,
      ROUNDHOUSE_USER_ID: 'user_123',
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_WEBHOOK_URL: `https://app.roundhouse.example/hooks/instances/${INSTANCE.id}/telegram`,
    });
  });

  it('returns keys in sorted order and leaves PORT to Railway', () => {
    const variables = buildInstanceVariables(input({ plan: 'ENTERPRISE' }));
    expect(Object.keys(variables)).toEqual(Object.keys(variables).sort());
    expect(variables).not.toHaveProperty('PORT');
  });

  it('is deterministic: same input, or the same credentials in another order, same output', () => {
    const credentials = [
      { channel: 'SLACK', values: goodCredentials('SLACK') },
      { channel: 'FEISHU', values: goodCredentials('FEISHU') },
      { channel: 'ANTHROPIC', values: goodCredentials('ANTHROPIC') },
      { channel: 'DEEPSEEK', values: goodCredentials('DEEPSEEK') },
    ];
    const reversed = [...credentials].reverse().map(({ channel, values }) => ({
      channel,
      values: Object.fromEntries(Object.entries(values).reverse()),
    }));
    const first = buildInstanceVariables(
      input({ plan: 'PRO', credentials, extra: { B: '2', A: '1' } }),
    );
    const again = buildInstanceVariables(
      input({ plan: 'PRO', credentials, extra: { B: '2', A: '1' } }),
    );
    const shuffled = buildInstanceVariables(
      input({ plan: 'PRO', credentials: reversed, extra: { A: '1', B: '2' } }),
    );
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(JSON.stringify(shuffled)).toBe(JSON.stringify(first));
    expect(first.ENABLED_CHANNELS).toBe('feishu,slack');
    expect(first.ENABLED_MODEL_PROVIDERS).toBe('anthropic,deepseek');
    expect(first.SLACK_WEBHOOK_URL).toMatch(/\/hooks\/instances\/[^/]+\/slack$/);
    expect(first.FEISHU_ENCRYPT_KEY).toBe(CHANNEL_SAMPLES.FEISHU.encryptKey!.good);
  });

  it('gives callback URLs only to channels that receive webhooks, from a normalised app URL', () => {
    const variables = buildInstanceVariables(
      input({
        appUrl: 'https://app.roundhouse.example/base//',
        credentials: [
          { channel: 'DISCORD', values: goodCredentials('DISCORD') },
          { channel: 'QWEN', values: goodCredentials('QWEN') },
        ],
      }),
    );
    expect(variables.APP_URL).toBe('https://app.roundhouse.example/base');
    expect(Object.keys(variables).filter((key) => key.endsWith('_WEBHOOK_URL'))).toEqual([]);
    expect(variables.DASHSCOPE_API_KEY).toBe(CHANNEL_SAMPLES.QWEN.apiKey!.good);
  });

  it('trims credential values and omits empty optional fields', () => {
    const variables = buildInstanceVariables(
      input({
        credentials: [
          { channel: 'TELEGRAM', values: { botToken: `${TELEGRAM_TOKEN}\n`, allowedUserIds: '' } },
          { channel: 'OPENAI', values: { apiKey: OPENAI_KEY } },
        ],
      }),
    );
    expect(variables.TELEGRAM_BOT_TOKEN).toBe(TELEGRAM_TOKEN);
    expect(variables).not.toHaveProperty('TELEGRAM_ALLOWED_USER_IDS');
  });

  it('adds extra variables that collide with nothing', () => {
    const variables = buildInstanceVariables(input({ extra: { LOG_LEVEL: 'debug' } }));
    expect(variables.LOG_LEVEL).toBe('debug');
  });

  it('builds an instance without any credentials: the customer adds them later and redeploys', () => {
    const variables = buildInstanceVariables(input({ credentials: [] }));
    expect(variables).toMatchObject({
      ENABLED_CHANNELS: '',
      ENABLED_MODEL_PROVIDERS: '',
      PLAN_ID: 'BASIC',
      ROUNDHOUSE_INSTANCE_ID: INSTANCE.id,
    });
    expect(Object.keys(variables).filter((name) => /^(TELEGRAM|OPENAI)_/.test(name))).toEqual([]);
  });

  it('builds a chat channel without a model provider', () => {
    const variables = buildInstanceVariables(
      input({ credentials: [{ channel: 'TELEGRAM', values: { botToken: TELEGRAM_TOKEN } }] }),
    );
    expect(variables).toMatchObject({
      ENABLED_CHANNELS: 'telegram',
      ENABLED_MODEL_PROVIDERS: '',
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    });
    expect(variables).not.toHaveProperty('OPENAI_API_KEY');
  });

  describe('refuses, naming channels and fields but never values', () => {
    it('an incomplete credential set', () => {
      const { error, issues } = refusal(() =>
        buildInstanceVariables(
          input({
            plan: 'PRO',
            credentials: [
              { channel: 'SLACK', values: { botToken: CHANNEL_SAMPLES.SLACK.botToken!.good } },
              { channel: 'OPENAI', values: { apiKey: OPENAI_KEY } },
            ],
          }),
        ),
      );
      expect(issues).toEqual([
        { channel: 'SLACK', field: 'signingSecret', message: expect.stringMatching(/required/) },
      ]);
      expect(error.message).toMatch(/SLACK\.signingSecret/);
      expect(JSON.stringify({ m: error.message, issues })).not.toContain(
        CHANNEL_SAMPLES.SLACK.botToken!.good,
      );
    });

    it('an invalid credential value', () => {
      const bad = CHANNEL_SAMPLES.OPENAI.apiKey!.bad;
      const { error, issues } = refusal(() =>
        buildInstanceVariables(
          input({
            credentials: [
              { channel: 'TELEGRAM', values: { botToken: TELEGRAM_TOKEN } },
              { channel: 'OPENAI', values: { apiKey: bad } },
            ],
          }),
        ),
      );
      expect(issues).toMatchObject([{ channel: 'OPENAI', field: 'apiKey' }]);
      expect(error.message).not.toContain(bad);
      expect(error.message).not.toContain(TELEGRAM_TOKEN);
    });

    it('more chat channels than the plan allows', () => {
      const { issues } = refusal(() =>
        buildInstanceVariables(
          input({
            plan: 'BASIC',
            credentials: [
              { channel: 'TELEGRAM', values: { botToken: TELEGRAM_TOKEN } },
              { channel: 'DISCORD', values: goodCredentials('DISCORD') },
              { channel: 'OPENAI', values: { apiKey: OPENAI_KEY } },
              { channel: 'ANTHROPIC', values: goodCredentials('ANTHROPIC') },
            ],
          }),
        ),
      );
      expect(issues).toEqual([{ message: '2 chat channels configured but plan BASIC allows 1' }]);
    });

    it('a duplicate channel', () => {
      const { issues } = refusal(() =>
        buildInstanceVariables(
          input({
            credentials: [
              ...input().credentials,
              { channel: 'OPENAI', values: { apiKey: OPENAI_KEY } },
            ],
          }),
        ),
      );
      expect(issues).toEqual([{ channel: 'OPENAI', message: 'is configured more than once' }]);
    });

    it('an unknown channel', () => {
      const { issues } = refusal(() =>
        buildInstanceVariables(
          input({ credentials: [...input().credentials, { channel: 'IRC', values: {} }] }),
        ),
      );
      expect(issues).toEqual([{ channel: 'IRC', message: 'is not a channel in the catalog' }]);
    });

    it.each([
      ['APP_URL', /collides/],
      ['NODE_ENV', /collides/],
      ['ENABLED_CHANNELS', /collides/],
      ['TELEGRAM_BOT_TOKEN', /collides/],
      ['TELEGRAM_WEBHOOK_URL', /collides/],
      ['ANTHROPIC_API_KEY', /belongs to a channel/],
      ['SLACK_WEBHOOK_URL', /belongs to a channel/],
      ['ROUNDHOUSE_DEBUG', /reserved prefix/],
      ['PLAN_MAX_CHANNELS', /collides/],
      ['RAILWAY_PUBLIC_DOMAIN', /reserved prefix/],
      ['lower_case', /not a valid variable name/],
      ['HAS-DASH', /not a valid variable name/],
    ])('an extra variable %s', (name, problem) => {
      const { issues } = refusal(() =>
        buildInstanceVariables(input({ extra: { [name]: 'value-from-operator' } })),
      );
      expect(issues).toEqual([{ variable: name, message: expect.stringMatching(problem) }]);
    });

    it('bad instance fields, app URL or plan', () => {
      const { issues } = refusal(() =>
        buildInstanceVariables(
          input({
            instance: { ...INSTANCE, id: '../etc', name: 'two\nlines' },
            appUrl: 'ftp://app.example',
            plan: 'GOLD' as 'BASIC',
          }),
        ),
      );
      expect(issues.map((issue) => issue.message)).toEqual([
        expect.stringMatching(/^instance\.id /),
        expect.stringMatching(/^instance\.name /),
        expect.stringMatching(/^appUrl must be/),
        'Unknown plan "GOLD"',
      ]);
    });

    it('with every problem in one error', () => {
      const { issues } = refusal(() =>
        buildInstanceVariables(
          input({
            credentials: [
              { channel: 'TELEGRAM', values: { botToken: 'x' } },
              { channel: 'OPENAI', values: { apiKey: 'x' } },
            ],
            extra: { APP_URL: 'x' },
          }),
        ),
      );
      expect(issues).toHaveLength(3);
    });
  });
});
