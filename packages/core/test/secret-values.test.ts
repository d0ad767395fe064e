import { describe, expect, it } from 'vitest';
import { secretValuesOf } from '../src/secret-values';
import { CHANNEL_SAMPLES, goodCredentials } from './channel-samples';

const TELEGRAM_TOKEN = CHANNEL_SAMPLES.TELEGRAM.botToken!.good;
const OPENAI_KEY = CHANNEL_SAMPLES.OPENAI.apiKey!.good;

describe('secretValuesOf', () => {
  it('returns the secret field values, longest first, without duplicates', () => {
    const slack = goodCredentials('SLACK');
    const secrets = secretValuesOf([
      { channel: 'TELEGRAM', values: { botToken: TELEGRAM_TOKEN, allowedUserIds: '1234567' } },
      { channel: 'SLACK', values: slack },
      { channel: 'OPENAI', values: { apiKey: OPENAI_KEY, baseUrl: 'https://gw.example/v1' } },
      { channel: 'DEEPSEEK', values: { apiKey: ` ${OPENAI_KEY} ` } },
    ]);
    expect([...secrets].sort()).toEqual(
      [TELEGRAM_TOKEN, slack.botToken, slack.signingSecret, slack.appToken, OPENAI_KEY].sort(),
    );
    const lengths = secrets.map((secret) => secret.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
  });

  it('fails closed: unknown channels and fields count as secret, empty values do not', () => {
    expect(
      secretValuesOf([
        { channel: 'IRC', values: { password: 'hunter2' } },
        { channel: 'OPENAI', values: { apiKey: '  ', projectKey: 'proj-secret' } },
        { channel: 'ANTHROPIC', values: null },
      ]),
    ).toEqual(['proj-secret', 'hunter2']);
  });
});
