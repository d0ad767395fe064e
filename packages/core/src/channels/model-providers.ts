import { httpsUrl, matching, type ChannelDefinition } from './types';

/** Model providers the instance calls; at least one is needed for the bot to answer anything. */

export const OPENAI = {
  id: 'OPENAI',
  slug: 'openai',
  kind: 'model',
  name: { zh: 'OpenAI', en: 'OpenAI' },
  fields: [
    {
      key: 'apiKey',
      label: { zh: 'API Key', en: 'API key' },
      secret: true,
      required: true,
      // An Anthropic key (sk-ant-…) pasted here is a common slip; say so before deploying.
      format: matching(/^sk-(?!ant-)[A-Za-z0-9_-]{20,}$/),
      hint: 'sk-… or sk-proj-…',
      envVar: 'OPENAI_API_KEY',
    },
    {
      key: 'baseUrl',
      label: {
        zh: 'API 地址（可选，兼容网关）',
        en: 'API base URL (optional, compatible gateway)',
      },
      secret: false,
      required: false,
      format: httpsUrl(),
      hint: 'https://…/v1',
      envVar: 'OPENAI_BASE_URL',
    },
    {
      key: 'organizationId',
      label: { zh: '组织 ID（可选）', en: 'Organization id (optional)' },
      secret: false,
      required: false,
      format: matching(/^org-[A-Za-z0-9]{10,}$/),
      hint: 'org-…',
      envVar: 'OPENAI_ORG_ID',
    },
  ],
} as const satisfies ChannelDefinition;

export const ANTHROPIC = {
  id: 'ANTHROPIC',
  slug: 'anthropic',
  kind: 'model',
  name: { zh: 'Anthropic Claude', en: 'Anthropic Claude' },
  fields: [
    {
      key: 'apiKey',
      label: { zh: 'API Key', en: 'API key' },
      secret: true,
      required: true,
      format: matching(/^sk-ant-[A-Za-z0-9_-]{20,}$/),
      hint: 'sk-ant-…',
      envVar: 'ANTHROPIC_API_KEY',
    },
    {
      key: 'baseUrl',
      label: { zh: 'API 地址（可选）', en: 'API base URL (optional)' },
      secret: false,
      required: false,
      format: httpsUrl(),
      hint: 'https://…',
      envVar: 'ANTHROPIC_BASE_URL',
    },
  ],
} as const satisfies ChannelDefinition;

export const DEEPSEEK = {
  id: 'DEEPSEEK',
  slug: 'deepseek',
  kind: 'model',
  name: { zh: '深度求索 DeepSeek', en: 'DeepSeek' },
  fields: [
    {
      key: 'apiKey',
      label: { zh: 'API Key', en: 'API key' },
      secret: true,
      required: true,
      format: matching(/^sk-[a-f0-9]{32}$/),
      hint: 'sk- followed by 32 hex characters',
      envVar: 'DEEPSEEK_API_KEY',
    },
  ],
} as const satisfies ChannelDefinition;

/** Qwen is served by Alibaba Cloud Model Studio (DashScope), hence the env var's name. */
export const QWEN = {
  id: 'QWEN',
  slug: 'qwen',
  kind: 'model',
  name: { zh: '通义千问', en: 'Qwen (DashScope)' },
  fields: [
    {
      key: 'apiKey',
      label: { zh: 'DashScope API Key', en: 'DashScope API key' },
      secret: true,
      required: true,
      format: matching(/^sk-[A-Za-z0-9]{32}$/),
      hint: 'sk- followed by 32 letters and digits',
      envVar: 'DASHSCOPE_API_KEY',
    },
  ],
} as const satisfies ChannelDefinition;
