import { isChannelId, getChannel, type ChannelId } from '@roundhouse/core';
import { checkChannelValues, type FieldProblem } from './channel-form';

/**
 * What importing a credentials document would do, computed in the browser before anything is
 * sent: per channel, added or replaced and which fields it sets, or every problem found. The
 * server validates again and applies all or nothing; this only spares a failed round trip.
 */

/** Matches the server's marker on masked exports, which hold no values to import. */
export const EXPORT_FORMAT = 'roundhouse.credentials.export';

export type DocumentProblem = 'json' | 'shape' | 'maskedExport' | 'empty';

export interface ChannelChange {
  channel: ChannelId;
  action: 'add' | 'replace';
  fields: string[];
}

export interface ChannelProblems {
  /** As written in the document (may not be a channel id). */
  channel: string;
  known: boolean;
  /** Field key → problem; `{ '*': 'notObject' }` when the entry is not an object. */
  fields: Record<string, FieldProblem | 'notObject'>;
}

export type ImportPreview =
  | { ok: true; changes: ChannelChange[] }
  | { ok: false; document: DocumentProblem }
  | { ok: false; channels: ChannelProblems[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parse(text: string): Record<string, unknown> | DocumentProblem {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'json';
  }
  if (!isRecord(parsed)) return 'shape';
  if (parsed.format === EXPORT_FORMAT) return 'maskedExport';
  if (Object.keys(parsed).some((key) => key !== 'channels') || !isRecord(parsed.channels)) {
    return 'shape';
  }
  return Object.keys(parsed.channels).length === 0 ? 'empty' : parsed.channels;
}

/** `stored`: the channels the subscription already has (they would be replaced). */
export function previewImport(text: string, stored: ReadonlySet<string>): ImportPreview {
  const channels = parse(text);
  if (typeof channels === 'string') return { ok: false, document: channels };
  const changes: ChannelChange[] = [];
  const problems: ChannelProblems[] = [];
  for (const [channel, values] of Object.entries(channels)) {
    if (!isChannelId(channel)) {
      problems.push({ channel, known: false, fields: {} });
      continue;
    }
    if (!isRecord(values)) {
      problems.push({ channel, known: true, fields: { '*': 'notObject' } });
      continue;
    }
    const check = checkChannelValues(getChannel(channel), values);
    if (Object.keys(check.problems).length > 0) {
      problems.push({ channel, known: true, fields: check.problems });
    } else {
      changes.push({
        channel,
        action: stored.has(channel) ? 'replace' : 'add',
        fields: Object.keys(check.values),
      });
    }
  }
  return problems.length > 0 ? { ok: false, channels: problems } : { ok: true, changes };
}
