import { deepFreeze } from '../deep-freeze';
import { CHANNEL_IDS, type ChannelId, type ChannelKind } from '../enums';
import { ResourceError } from '../errors';
import { DINGTALK, DISCORD, FEISHU, SLACK, TELEGRAM, WECOM } from './chat-channels';
import { ANTHROPIC, DEEPSEEK, OPENAI, QWEN } from './model-providers';
import type { ChannelDefinition } from './types';

/**
 * The channel catalog: what a customer may connect and which env var each credential becomes.
 * Adding a channel is adding its id to CHANNEL_IDS (enums.ts) and its definition here.
 */
const CHANNELS: Readonly<Record<ChannelId, ChannelDefinition>> = deepFreeze({
  TELEGRAM,
  DISCORD,
  SLACK,
  FEISHU,
  DINGTALK,
  WECOM,
  OPENAI,
  ANTHROPIC,
  DEEPSEEK,
  QWEN,
});

export function isChannelId(value: unknown): value is ChannelId {
  return typeof value === 'string' && (CHANNEL_IDS as readonly string[]).includes(value);
}

/** Throws ResourceError NOT_FOUND for an id that is not in the catalog. */
export function getChannel(id: string): ChannelDefinition {
  if (!isChannelId(id)) {
    throw new ResourceError(
      `Unknown channel ${JSON.stringify(id)}; expected one of ${CHANNEL_IDS}`,
      {
        reason: 'NOT_FOUND',
        details: { channel: id },
      },
    );
  }
  return CHANNELS[id];
}

/** Catalog order (chat channels first), optionally only one kind. */
export function listChannels(kind?: ChannelKind): ChannelDefinition[] {
  const all = CHANNEL_IDS.map((id) => CHANNELS[id]);
  return kind === undefined ? all : all.filter((channel) => channel.kind === kind);
}

/** Keys of the fields to encrypt, mask and redact. */
export function channelSecretFields(id: string): string[] {
  return getChannel(id)
    .fields.filter((field) => field.secret)
    .map((field) => field.key);
}

/** Every env var the catalog can produce: credential fields and callback URLs. */
export function channelEnvVars(): string[] {
  return listChannels().flatMap((channel) => [
    ...channel.fields.map((field) => field.envVar),
    ...(channel.webhookEnvVar === undefined ? [] : [channel.webhookEnvVar]),
  ]);
}
