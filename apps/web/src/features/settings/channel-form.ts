import {
  CHANNEL_KINDS,
  listChannels,
  type ChannelDefinition,
  type ChannelKind,
} from '@roundhouse/core';

/**
 * The catalog as forms: which channels to show in which group, and the checks a form runs
 * before sending. Field formats are the catalog's own validators (the server runs the same), so
 * a mistyped token is flagged at the field instead of after a round trip.
 */

export interface ChannelGroup {
  kind: ChannelKind;
  channels: ChannelDefinition[];
}

/** Chat channels first, then model providers, each in catalog order. */
export function channelGroups(): ChannelGroup[] {
  return CHANNEL_KINDS.map((kind) => ({ kind, channels: listChannels(kind) }));
}

/** Why a field's value is refused; the UI words it per locale. */
export type FieldProblem = 'required' | 'format' | 'unknown' | 'notText';

export interface ChannelCheck {
  /** Trimmed values to send; an empty optional field is left out (the server treats it as absent). */
  values: Record<string, string>;
  /** Field key → problem; empty when the values can be sent. */
  problems: Record<string, FieldProblem>;
}

/**
 * Checks submitted values against a channel's fields. Saving replaces a channel's whole set on
 * the server, so required fields are required even when the channel is already stored.
 */
export function checkChannelValues(
  channel: ChannelDefinition,
  input: Readonly<Record<string, unknown>>,
): ChannelCheck {
  const known = new Set(channel.fields.map((field) => field.key));
  const problems: Record<string, FieldProblem> = {};
  for (const key of Object.keys(input)) if (!known.has(key)) problems[key] = 'unknown';
  const values: Record<string, string> = {};
  for (const field of channel.fields) {
    const raw = input[field.key];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      if (field.required) problems[field.key] = 'required';
      continue;
    }
    if (typeof raw !== 'string') {
      problems[field.key] = 'notText';
      continue;
    }
    const value = raw.trim();
    if (field.format.safeParse(value).success) values[field.key] = value;
    else problems[field.key] = 'format';
  }
  return { values, problems };
}

export interface ServerIssue {
  channel: string;
  /** The field key, or '*' when the message concerns the channel or document as a whole. */
  field: string;
  message: string;
}

const ISSUE = /^([A-Z0-9_"]+)(?:\.([A-Za-z0-9_]+))?: (.+)$/s;
/** Issues are joined with "; ", which a message may contain too: split only before a name. */
const SEPARATOR = /; (?=[A-Z0-9_"]+(?:\.[A-Za-z0-9_]+)?: )/;

/**
 * Splits the server's "Invalid credentials: TELEGRAM.botToken: …; DISCORD.applicationId: …"
 * into per-field issues, so each can be shown at its field. A message of another shape comes
 * back as `null`, to be shown as it is.
 */
export function parseServerIssues(message: string): ServerIssue[] | null {
  const prefix = 'Invalid credentials: ';
  if (!message.startsWith(prefix)) return null;
  const issues: ServerIssue[] = [];
  for (const part of message.slice(prefix.length).split(SEPARATOR)) {
    const match = ISSUE.exec(part);
    if (!match) return null;
    issues.push({ channel: match[1] ?? '', field: match[2] ?? '*', message: match[3] ?? '' });
  }
  return issues;
}
