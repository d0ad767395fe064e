import { describe, expect, it } from 'vitest';
import {
  channelEnvVars,
  channelSecretFields,
  getChannel,
  listChannels,
  validateChannelCredentials,
} from '../src/channels';
import { CHANNEL_IDS } from '../src/enums';
import { ResourceError } from '../src/errors';
import { CHANNEL_SAMPLES, goodCredentials } from './channel-samples';

describe('channel catalog', () => {
  it('covers the chat channels and model providers the product promises', () => {
    expect(listChannels('chat').map((c) => c.id)).toEqual(
      expect.arrayContaining(['TELEGRAM', 'DISCORD', 'SLACK', 'FEISHU', 'DINGTALK', 'WECOM']),
    );
    expect(listChannels('model').map((c) => c.id)).toEqual(
      expect.arrayContaining(['OPENAI', 'ANTHROPIC']),
    );
    expect(listChannels().map((c) => c.id)).toEqual([...CHANNEL_IDS]);
  });

  it('maps the well-known credentials to the env vars the app reads', () => {
    const envVar = (channel: string, key: string) =>
      getChannel(channel).fields.find((field) => field.key === key)?.envVar;
    expect(envVar('TELEGRAM', 'botToken')).toBe('TELEGRAM_BOT_TOKEN');
    expect(envVar('SLACK', 'botToken')).toBe('SLACK_BOT_TOKEN');
    expect(envVar('SLACK', 'signingSecret')).toBe('SLACK_SIGNING_SECRET');
    expect(envVar('FEISHU', 'appId')).toBe('FEISHU_APP_ID');
    expect(envVar('FEISHU', 'appSecret')).toBe('FEISHU_APP_SECRET');
    expect(envVar('OPENAI', 'apiKey')).toBe('OPENAI_API_KEY');
    expect(envVar('ANTHROPIC', 'apiKey')).toBe('ANTHROPIC_API_KEY');
  });

  it('never gives two fields (or callback URLs) the same env var', () => {
    const names = channelEnvVars();
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });

  it('has unique slugs and field keys, and labels in both languages', () => {
    const slugs = listChannels().map((c) => c.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const channel of listChannels()) {
      expect(channel.slug).toBe(channel.id.toLowerCase());
      const keys = channel.fields.map((field) => field.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(channel.fields.some((field) => field.required)).toBe(true);
      for (const field of channel.fields) expect(field.label.zh && field.label.en).toBeTruthy();
    }
  });

  it('has a good and a bad sample for exactly the fields of every channel', () => {
    for (const channel of listChannels()) {
      expect(Object.keys(CHANNEL_SAMPLES[channel.id]).sort()).toEqual(
        channel.fields.map((field) => field.key).sort(),
      );
    }
  });

  it('lists the secret fields of a channel', () => {
    expect(channelSecretFields('SLACK')).toEqual(['botToken', 'signingSecret', 'appToken']);
    expect(channelSecretFields('FEISHU')).not.toContain('appId');
    expect(channelSecretFields('OPENAI')).toEqual(['apiKey']);
    expect(() => channelSecretFields('IRC')).toThrow(ResourceError);
  });

  it('cannot be edited in place', () => {
    const telegram = getChannel('TELEGRAM');
    expect(() => {
      (telegram.fields as unknown[]).pop();
    }).toThrow(TypeError);
    expect(getChannel('TELEGRAM').fields).toHaveLength(2);
  });
});

describe('validateChannelCredentials', () => {
  for (const channel of CHANNEL_IDS) {
    describe(channel, () => {
      it('accepts a complete set of good values', () => {
        expect(validateChannelCredentials(channel, goodCredentials(channel))).toEqual({
          ok: true,
          value: goodCredentials(channel),
        });
      });

      for (const [key, sample] of Object.entries(CHANNEL_SAMPLES[channel])) {
        it(`rejects a bad ${key} without echoing it`, () => {
          const result = validateChannelCredentials(channel, {
            ...goodCredentials(channel),
            [key]: sample.bad,
          });
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.issues.map((issue) => issue.field)).toEqual([key]);
          expect(result.issues[0]?.message).toMatch(/not in the expected format/);
          expect(JSON.stringify(result)).not.toContain(sample.bad);
        });
      }

      it('requires every required field', () => {
        for (const field of getChannel(channel).fields.filter((f) => f.required)) {
          const input: Record<string, string> = goodCredentials(channel);
          delete input[field.key];
          const result = validateChannelCredentials(channel, input);
          expect(result).toEqual({
            ok: false,
            issues: [{ field: field.key, message: expect.stringMatching(/is required/) }],
          });
        }
      });
    });
  }

  it('rejects unknown fields without echoing their values', () => {
    const result = validateChannelCredentials('TELEGRAM', {
      ...goodCredentials('TELEGRAM'),
      chatId: 'secret-chat-123',
    });
    expect(result).toEqual({
      ok: false,
      issues: [{ field: 'chatId', message: expect.stringMatching(/no field "chatId"/) }],
    });
    expect(JSON.stringify(result)).not.toContain('secret-chat-123');
  });

  it('trims pasted values and drops empty optional fields', () => {
    const token = CHANNEL_SAMPLES.TELEGRAM.botToken!.good;
    expect(
      validateChannelCredentials('TELEGRAM', { botToken: `  ${token}\n`, allowedUserIds: ' ' }),
    ).toEqual({ ok: true, value: { botToken: token } });
  });

  it('treats an empty required field as missing and refuses non-text values', () => {
    expect(validateChannelCredentials('OPENAI', { apiKey: '' })).toMatchObject({
      ok: false,
      issues: [{ field: 'apiKey', message: 'OpenAI API key is required' }],
    });
    expect(
      validateChannelCredentials('WECOM', { ...goodCredentials('WECOM'), agentId: 1000002 }),
    ).toMatchObject({
      ok: false,
      issues: [{ field: 'agentId', message: expect.stringMatching(/must be text/) }],
    });
  });

  it('reports every problem at once', () => {
    const result = validateChannelCredentials('SLACK', { botToken: 'nope', extra: 'x' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((issue) => issue.field).sort()).toEqual(
        ['botToken', 'extra', 'signingSecret'].sort(),
      );
    }
  });

  it('refuses input that is not an object, and unknown channels', () => {
    for (const input of [null, 'token', ['a'], 42]) {
      expect(validateChannelCredentials('OPENAI', input)).toMatchObject({
        ok: false,
        issues: [{ field: '*' }],
      });
    }
    expect(() => validateChannelCredentials('IRC', {})).toThrow(/Unknown channel "IRC"/);
  });

  it('does not treat inherited properties as submitted fields', () => {
    const input = Object.create({ apiKey: CHANNEL_SAMPLES.DEEPSEEK.apiKey!.good }) as object;
    expect(validateChannelCredentials('DEEPSEEK', input)).toMatchObject({ ok: false });
  });
});
