import type { ChannelId } from '../enums';
import { getChannel } from './catalog';
import type { ChannelField } from './types';

/** Field values keyed by the catalog's field keys (not env var names), trimmed. */
export type ChannelCredentialValues = Record<string, string>;

export interface CredentialIssue {
  /** The field key, or '*' when the input as a whole is unusable. */
  field: string;
  /** Names the field and the expected shape; never contains the submitted value. */
  message: string;
}

export type CredentialValidation =
  { ok: true; value: ChannelCredentialValues } | { ok: false; issues: CredentialIssue[] };

/**
 * Checks a credential set against the catalog: every required field present, every value in its
 * platform's format, nothing unknown. Values are trimmed (pasted tokens often carry a newline);
 * an empty optional field counts as absent, which is what an untouched form field sends.
 * Throws ResourceError NOT_FOUND only for a channel id outside the catalog.
 */
export function validateChannelCredentials(
  channel: ChannelId | (string & {}),
  input: unknown,
): CredentialValidation {
  const definition = getChannel(channel);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      issues: [{ field: '*', message: `${definition.name.en} credentials must be an object` }],
    };
  }

  const record = input as Record<string, unknown>;
  const known = new Set(definition.fields.map((field) => field.key));
  const issues: CredentialIssue[] = Object.keys(record)
    .filter((key) => !known.has(key))
    .map((key) => ({
      field: key,
      message: `${definition.name.en} has no field ${JSON.stringify(key.slice(0, 40))}; expected ${[...known].join(', ')}`,
    }));

  const value: ChannelCredentialValues = {};
  for (const field of definition.fields) {
    const result = checkField(
      field,
      Object.hasOwn(record, field.key) ? record[field.key] : undefined,
    );
    if (typeof result === 'string') value[field.key] = result;
    else if (result)
      issues.push({ field: field.key, message: `${definition.name.en} ${result.problem}` });
  }
  return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
}

/** The trimmed value, undefined for an absent optional field, or the problem. */
function checkField(field: ChannelField, raw: unknown): string | undefined | { problem: string } {
  const label = field.label.en;
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return field.required ? { problem: `${label} is required` } : undefined;
  }
  if (typeof raw !== 'string') return { problem: `${label} must be text` };
  const trimmed = raw.trim();
  // The message is built from the catalog only: zod's own messages could quote the input.
  if (!field.format.safeParse(trimmed).success) {
    return { problem: `${label} is not in the expected format (${field.hint})` };
  }
  return trimmed;
}
