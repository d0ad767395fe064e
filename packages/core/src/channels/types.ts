import { z } from 'zod';
import type { ChannelId, ChannelKind } from '../enums';
import type { LocalizedText } from '../localized-text';

/** One credential field of a channel, and the env var of the instance it becomes. */
export interface ChannelField {
  readonly key: string;
  readonly label: LocalizedText;
  /** Secret fields are encrypted at rest, masked in the UI and redacted from logs. */
  readonly secret: boolean;
  readonly required: boolean;
  /** Validates the trimmed value. */
  readonly format: z.ZodType<string>;
  /** The expected shape, shown in errors and as a placeholder; never a real value. */
  readonly hint: string;
  readonly envVar: string;
}

export interface ChannelDefinition {
  readonly id: ChannelId;
  /** Lower-case id used in callback paths and in ENABLED_CHANNELS. */
  readonly slug: string;
  readonly kind: ChannelKind;
  readonly name: LocalizedText;
  /**
   * For channels that push events to us over HTTP (rather than a socket the instance opens):
   * the env var that tells the instance its callback URL.
   */
  readonly webhookEnvVar?: string;
  readonly fields: readonly ChannelField[];
}

/** Upper bound on any credential value: real tokens are far shorter, and it bounds the regexes. */
const MAX_VALUE_LENGTH = 2_048;

/** A string field that must match `pattern` in full. */
export function matching(pattern: RegExp): z.ZodType<string> {
  return z.string().max(MAX_VALUE_LENGTH).regex(pattern);
}

/** An https URL, e.g. a self-hosted or proxied model endpoint. */
export function httpsUrl(): z.ZodType<string> {
  return z.url({ protocol: /^https$/ }).max(MAX_VALUE_LENGTH);
}
