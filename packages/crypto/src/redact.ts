import { secretPatternSource } from './secret-pattern';
import { TOKEN_SHAPES_SOURCE } from './token-shapes';

export { MIN_SECRET_LENGTH } from './secret-pattern';
export const REDACTED = '[REDACTED]';

/** Returns its input with every secret replaced by REDACTED; safe to call on any string. */
export type Redactor = (text: string) => string;

export interface RedactOptions {
  /** Also redact well-known token shapes (JWTs, sk-…, Bearer …, password=…). Default true. */
  tokenShapes?: boolean;
}

type Span = [start: number, end: number];

/**
 * Compiles the secrets once into a reusable redactor. Secrets shorter than MIN_SECRET_LENGTH (4)
 * are ignored so short values don't shred normal text; each secret is also caught URL-encoded,
 * JSON-escaped and base64-encoded.
 */
export function createRedactor(secrets: Iterable<string>, options: RedactOptions = {}): Redactor {
  const secretSource = secretPatternSource(secrets);
  const secretPattern = secretSource === undefined ? undefined : new RegExp(secretSource, 'g');
  const shapePattern =
    options.tokenShapes === false ? undefined : new RegExp(TOKEN_SHAPES_SOURCE, 'g');
  return (text) => {
    const spans: Span[] = [];
    // Secrets are searched from every start position (not just after the previous match) so two
    // overlapping secrets are both covered; shapes need no such care.
    if (secretPattern) collectSpans(secretPattern, text, spans, true);
    if (shapePattern) collectSpans(shapePattern, text, spans, false);
    return spans.length === 0 ? text : replaceSpans(text, spans);
  };
}

/** One-off redaction; use createRedactor when the same secrets are applied repeatedly. */
export function redact(text: string, secrets: Iterable<string>, options?: RedactOptions): string {
  return createRedactor(secrets, options)(text);
}

function collectSpans(pattern: RegExp, text: string, spans: Span[], overlapping: boolean): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const end = match.index + match[0].length;
    spans.push([match.index, end]);
    pattern.lastIndex = overlapping ? match.index + 1 : Math.max(end, match.index + 1);
  }
}

/** Merges overlapping or touching spans so each secret region becomes a single marker. */
function replaceSpans(text: string, spans: Span[]): string {
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Span[] = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  let out = '';
  let cursor = 0;
  for (const [start, end] of merged) {
    out += text.slice(cursor, start) + REDACTED;
    cursor = end;
  }
  return out + text.slice(cursor);
}
