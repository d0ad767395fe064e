import {
  CHANNEL_IDS,
  type ChannelId,
  getChannel,
  isChannelId,
  ResourceError,
  validateChannelCredentials,
} from '@roundhouse/core';
import { fingerprint, type Keyring, last4, sealer } from '@roundhouse/crypto';
import type { CredentialWrite } from '@roundhouse/db/repositories/credentials';
import { EXPORT_FORMAT } from './credentials.dto';

/**
 * Turns submitted credential values into what the repository stores: validated against the
 * catalog, encrypted (bound to the row), with a masked last-4 and a fingerprint. Every error
 * message names channels and fields, never a submitted value.
 */

/** Upper bound of an import document, in characters; the whole catalog fits many times over. */
export const MAX_IMPORT_CHARS = 64 * 1024;

interface Issue {
  channel: string;
  field: string;
  message: string;
}

/** One channel's values, validated; throws ResourceError INVALID listing every problem. */
export function credentialWrite(keyring: Keyring, channel: ChannelId, values: unknown) {
  const result = validateChannelCredentials(channel, values);
  if (!result.ok) throw invalid(result.issues.map((issue) => ({ channel, ...issue })));
  return prepare(keyring, channel, result.value);
}

/**
 * A JSON document `{ "channels": { "TELEGRAM": { "botToken": "…" }, … } }`, validated as a whole:
 * either every channel in it is valid, or it is refused with all problems listed.
 */
export function importWrites(keyring: Keyring, document: string): CredentialWrite[] {
  const channels = parseDocument(document);
  const issues: Issue[] = [];
  const valid: Array<[ChannelId, Record<string, string>]> = [];
  for (const [channel, values] of Object.entries(channels)) {
    if (!isChannelId(channel)) {
      issues.push({
        channel: JSON.stringify(channel.slice(0, 40)),
        field: '*',
        message: `is not a channel; expected one of ${CHANNEL_IDS.join(', ')}`,
      });
      continue;
    }
    const result = validateChannelCredentials(channel, values);
    if (result.ok) valid.push([channel, result.value]);
    else issues.push(...result.issues.map((issue) => ({ channel, ...issue })));
  }
  if (issues.length > 0) throw invalid(issues);
  return valid.map(([channel, values]) => prepare(keyring, channel, values));
}

function parseDocument(document: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    // JSON.parse's own message quotes the input, which may hold secrets.
    throw new ResourceError('The import document is not valid JSON', { reason: 'INVALID' });
  }
  const shape = 'expected {"channels": {"TELEGRAM": {…}, …}}';
  if (!isRecord(parsed)) {
    throw new ResourceError(`The import document must be a JSON object; ${shape}`, {
      reason: 'INVALID',
    });
  }
  if (parsed.format === EXPORT_FORMAT) {
    throw new ResourceError(
      'This is a masked export: it holds no credential values, so there is nothing to import',
      { reason: 'INVALID' },
    );
  }
  const extra = Object.keys(parsed).filter((key) => key !== 'channels');
  if (extra.length > 0 || !isRecord(parsed.channels)) {
    throw new ResourceError(`The import document has an unexpected shape; ${shape}`, {
      reason: 'INVALID',
    });
  }
  if (Object.keys(parsed.channels).length === 0) {
    throw new ResourceError('The import document lists no channels', { reason: 'INVALID' });
  }
  return parsed.channels;
}

function prepare(
  keyring: Keyring,
  channel: ChannelId,
  values: Record<string, string>,
): CredentialWrite {
  // The validator returns fields in catalog order, so equal values always serialise alike and
  // the fingerprint only changes when a value does.
  const plaintext = JSON.stringify(values);
  const display = getChannel(channel).fields.find(
    (field) => field.secret && values[field.key] !== undefined,
  );
  return {
    channel,
    seal: sealer(keyring, 'channel_credentials', 'ciphertext', plaintext),
    last4: (display && last4(values[display.key] ?? '')) || null,
    fingerprint: fingerprint(plaintext),
  };
}

function invalid(issues: Issue[]): ResourceError {
  const list = issues.map((issue) =>
    issue.field === '*'
      ? `${issue.channel}: ${issue.message}`
      : `${issue.channel}.${issue.field}: ${issue.message}`,
  );
  return new ResourceError(`Invalid credentials: ${list.join('; ')}`, {
    reason: 'INVALID',
    details: { issues },
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
