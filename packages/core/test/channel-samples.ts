import type { ChannelId } from '../src/enums';

/**
 * A realistic good and a plausible bad value for every field of the catalog. Shared by the
 * catalog and env-var tests; the catalog test fails when a field has no samples here.
 */
export const CHANNEL_SAMPLES: Record<ChannelId, Record<string, { good: string; bad: string }>> = {
  TELEGRAM: {
    botToken: {
      good: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
      bad: 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
    },
    allowedUserIds: { good: '12345678,87654321', bad: '12345678, alice' },
  },
  DISCORD: {
    botToken: {
      good: 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GhJkLm.abcdefghijklmnopqrstuvwxyz12345',
      bad: 'Bot MTA5ODc2NTQzMjEwOTg3NjU0Mw.GhJkLm.abcdefghijklmnopqrstuvwxyz12345',
    },
    applicationId: { good: '1098765432109876543', bad: '12345' },
    guildId: { good: '876543210987654321', bad: 'my-server' },
  },
  SLACK: {
    botToken: {
      good: 'xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
      bad: 'xoxp-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
    },
    signingSecret: {
      good: 'a3f5c9e1b7d2046f8e9a1b3c5d7e9f01',
      bad: 'a3f5c9e1b7d2046f8e9a1b3c5d7e9f0z',
    },
    appToken: {
      good: 'xapp-1-A0123BCDEFG-1234567890123-0123456789abcdef0123456789abcdef0123456789abcdef',
      bad: 'xoxb-1-A0123BCDEFG-1234567890123-0123456789abcdef0123456789abcdef',
    },
  },
  FEISHU: {
    appId: { good: 'cli_a1b2c3d4e5f6a7b8', bad: 'a1b2c3d4e5f6a7b8' },
    appSecret: { good: 'AbCdEfGhIjKlMnOpQrStUvWxYz012345', bad: 'AbCdEfGhIjKlMnOpQrStUvWxYz01234' },
    verificationToken: { good: 'Ab12Cd34Ef56Gh78Ij90', bad: 'has spaces in it!!' },
    encryptKey: { good: 'EncryptKey0123456789', bad: 'short' },
  },
  DINGTALK: {
    clientId: { good: 'dingabcdefghij123456', bad: 'abcdefghij123456' },
    clientSecret: {
      good: 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5z6A7b8C9d0E1f2',
      bad: 'secret!',
    },
  },
  WECOM: {
    corpId: { good: 'ww0123456789abcdef', bad: 'wx0123456789abcdef' },
    agentId: { good: '1000002', bad: 'agent-1' },
    appSecret: {
      good: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE',
      bad: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCd',
    },
    token: { good: 'Tok3nValue', bad: 'tok en' },
    encodingAesKey: {
      good: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      bad: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH',
    },
  },
  OPENAI: {
    apiKey: {
      good: 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345',
      bad: 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz012345',
    },
    baseUrl: { good: 'https://gateway.example.com/v1', bad: 'http://gateway.example.com/v1' },
    organizationId: { good: 'org-AbCdEfGhIjKl', bad: 'AbCdEfGhIjKl' },
  },
  ANTHROPIC: {
    apiKey: {
      good: 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz012345',
      bad: 'sk-AbCdEfGhIjKlMnOpQrStUvWxYz012345',
    },
    baseUrl: { good: 'https://api.anthropic.com', bad: 'ftp://api.anthropic.com' },
  },
  DEEPSEEK: {
    apiKey: { good: 'sk-0123456789abcdef0123456789abcdef', bad: 'sk-0123456789abcdef' },
  },
  QWEN: {
    apiKey: {
      good: 'sk-0123456789ABCDEFabcdef0123456789',
      bad: 'ak-0123456789ABCDEFabcdef0123456789',
    },
  },
};

/** All good values of a channel's fields. */
export function goodCredentials(channel: ChannelId): Record<string, string> {
  return Object.fromEntries(
    Object.entries(CHANNEL_SAMPLES[channel]).map(([key, sample]) => [key, sample.good]),
  );
}
