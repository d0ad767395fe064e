export {
  channelEnvVars,
  channelSecretFields,
  getChannel,
  isChannelId,
  listChannels,
} from './catalog';
export type { ChannelDefinition, ChannelField } from './types';
export {
  validateChannelCredentials,
  type ChannelCredentialValues,
  type CredentialIssue,
  type CredentialValidation,
} from './validate-credentials';
