import { matching, type ChannelDefinition } from './types';

/**
 * Chat channels an OpenClaw instance can talk on. Formats follow what each platform's console
 * hands out, so a mistyped or wrongly pasted credential is caught before a deployment fails.
 */

export const TELEGRAM = {
  id: 'TELEGRAM',
  slug: 'telegram',
  kind: 'chat',
  name: { zh: 'Telegram', en: 'Telegram' },
  webhookEnvVar: 'TELEGRAM_WEBHOOK_URL',
  fields: [
    {
      key: 'botToken',
      label: { zh: '机器人 Token', en: 'Bot token' },
      secret: true,
      required: true,
      format: matching(/^\d{6,}:[A-Za-z0-9_-]{30,}$/),
      hint: '123456789:AA… (from @BotFather)',
      envVar: 'TELEGRAM_BOT_TOKEN',
    },
    {
      key: 'allowedUserIds',
      label: { zh: '允许的用户 ID（逗号分隔）', en: 'Allowed user ids (comma-separated)' },
      secret: false,
      required: false,
      format: matching(/^\d{1,15}(,\d{1,15})*$/),
      hint: '12345678,87654321',
      envVar: 'TELEGRAM_ALLOWED_USER_IDS',
    },
  ],
} as const satisfies ChannelDefinition;

/** Discord bots receive events over the gateway socket, so there is no callback URL. */
export const DISCORD = {
  id: 'DISCORD',
  slug: 'discord',
  kind: 'chat',
  name: { zh: 'Discord', en: 'Discord' },
  fields: [
    {
      key: 'botToken',
      label: { zh: '机器人 Token', en: 'Bot token' },
      secret: true,
      required: true,
      format: matching(/^[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40}$/),
      hint: 'three dot-separated base64url parts (Developer Portal → Bot → Token)',
      envVar: 'DISCORD_BOT_TOKEN',
    },
    {
      key: 'applicationId',
      label: { zh: '应用 ID', en: 'Application id' },
      secret: false,
      required: true,
      format: matching(/^\d{17,20}$/),
      hint: 'a 17–20 digit snowflake id',
      envVar: 'DISCORD_APPLICATION_ID',
    },
    {
      key: 'guildId',
      label: { zh: '服务器 ID（可选）', en: 'Server (guild) id, optional' },
      secret: false,
      required: false,
      format: matching(/^\d{17,20}$/),
      hint: 'a 17–20 digit snowflake id',
      envVar: 'DISCORD_GUILD_ID',
    },
  ],
} as const satisfies ChannelDefinition;

export const SLACK = {
  id: 'SLACK',
  slug: 'slack',
  kind: 'chat',
  name: { zh: 'Slack', en: 'Slack' },
  webhookEnvVar: 'SLACK_WEBHOOK_URL',
  fields: [
    {
      key: 'botToken',
      label: { zh: 'Bot User OAuth Token', en: 'Bot user OAuth token' },
      secret: true,
      required: true,
      format: matching(/^xoxb-\d+-\d+-[A-Za-z0-9]{20,}$/),
      hint: 'xoxb-…',
      envVar: 'SLACK_BOT_TOKEN',
    },
    {
      key: 'signingSecret',
      label: { zh: '签名密钥（Signing Secret）', en: 'Signing secret' },
      secret: true,
      required: true,
      format: matching(/^[a-f0-9]{32}$/),
      hint: '32 lower-case hex characters',
      envVar: 'SLACK_SIGNING_SECRET',
    },
    {
      key: 'appToken',
      label: {
        zh: 'App Token（Socket Mode，可选）',
        en: 'App-level token (Socket Mode, optional)',
      },
      secret: true,
      required: false,
      format: matching(/^xapp-\d+-[A-Z0-9]+-\d+-[a-f0-9]{32,}$/),
      hint: 'xapp-1-…',
      envVar: 'SLACK_APP_TOKEN',
    },
  ],
} as const satisfies ChannelDefinition;

export const FEISHU = {
  id: 'FEISHU',
  slug: 'feishu',
  kind: 'chat',
  name: { zh: '飞书', en: 'Feishu (Lark)' },
  webhookEnvVar: 'FEISHU_WEBHOOK_URL',
  fields: [
    {
      key: 'appId',
      label: { zh: 'App ID', en: 'App id' },
      secret: false,
      required: true,
      format: matching(/^cli_[a-z0-9]{16}$/),
      hint: 'cli_ followed by 16 characters',
      envVar: 'FEISHU_APP_ID',
    },
    {
      key: 'appSecret',
      label: { zh: 'App Secret', en: 'App secret' },
      secret: true,
      required: true,
      format: matching(/^[A-Za-z0-9]{32}$/),
      hint: '32 letters and digits',
      envVar: 'FEISHU_APP_SECRET',
    },
    {
      key: 'verificationToken',
      label: { zh: 'Verification Token（可选）', en: 'Verification token (optional)' },
      secret: true,
      required: false,
      format: matching(/^[A-Za-z0-9]{16,64}$/),
      hint: '16–64 letters and digits',
      envVar: 'FEISHU_VERIFICATION_TOKEN',
    },
    {
      key: 'encryptKey',
      label: { zh: 'Encrypt Key（可选）', en: 'Encrypt key (optional)' },
      secret: true,
      required: false,
      format: matching(/^[A-Za-z0-9]{16,64}$/),
      hint: '16–64 letters and digits',
      envVar: 'FEISHU_ENCRYPT_KEY',
    },
  ],
} as const satisfies ChannelDefinition;

export const DINGTALK = {
  id: 'DINGTALK',
  slug: 'dingtalk',
  kind: 'chat',
  name: { zh: '钉钉', en: 'DingTalk' },
  webhookEnvVar: 'DINGTALK_WEBHOOK_URL',
  fields: [
    {
      key: 'clientId',
      label: { zh: 'Client ID（原 AppKey）', en: 'Client id (AppKey)' },
      secret: false,
      required: true,
      format: matching(/^ding[a-z0-9]{16,28}$/),
      hint: 'ding followed by 16–28 characters',
      envVar: 'DINGTALK_CLIENT_ID',
    },
    {
      key: 'clientSecret',
      label: { zh: 'Client Secret（原 AppSecret）', en: 'Client secret (AppSecret)' },
      secret: true,
      required: true,
      format: matching(/^[A-Za-z0-9_-]{32,128}$/),
      hint: '32–128 letters, digits, - or _',
      envVar: 'DINGTALK_CLIENT_SECRET',
    },
  ],
} as const satisfies ChannelDefinition;

/** WeCom callbacks are signed with the token and encrypted with the EncodingAESKey: both needed. */
export const WECOM = {
  id: 'WECOM',
  slug: 'wecom',
  kind: 'chat',
  name: { zh: '企业微信', en: 'WeCom' },
  webhookEnvVar: 'WECOM_WEBHOOK_URL',
  fields: [
    {
      key: 'corpId',
      label: { zh: '企业 ID', en: 'Corp id' },
      secret: false,
      required: true,
      format: matching(/^ww[a-f0-9]{16}$/),
      hint: 'ww followed by 16 hex characters',
      envVar: 'WECOM_CORP_ID',
    },
    {
      key: 'agentId',
      label: { zh: '应用 AgentId', en: 'Agent id' },
      secret: false,
      required: true,
      format: matching(/^\d{1,10}$/),
      hint: 'digits, e.g. 1000002',
      envVar: 'WECOM_AGENT_ID',
    },
    {
      key: 'appSecret',
      label: { zh: '应用 Secret', en: 'App secret' },
      secret: true,
      required: true,
      format: matching(/^[A-Za-z0-9_-]{43}$/),
      hint: '43 letters, digits, - or _',
      envVar: 'WECOM_APP_SECRET',
    },
    {
      key: 'token',
      label: { zh: '回调 Token', en: 'Callback token' },
      secret: true,
      required: true,
      format: matching(/^[A-Za-z0-9]{1,32}$/),
      hint: 'up to 32 letters and digits',
      envVar: 'WECOM_TOKEN',
    },
    {
      key: 'encodingAesKey',
      label: { zh: '回调 EncodingAESKey', en: 'Callback EncodingAESKey' },
      secret: true,
      required: true,
      format: matching(/^[A-Za-z0-9]{43}$/),
      hint: '43 letters and digits',
      envVar: 'WECOM_ENCODING_AES_KEY',
    },
  ],
} as const satisfies ChannelDefinition;
