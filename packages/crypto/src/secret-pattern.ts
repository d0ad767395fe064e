/**
 * The regex source that finds known secret values in text, in the forms they commonly take in
 * logs and error messages: raw, URL-encoded (any encoder, any hex case, `+` for space),
 * JSON-escaped, and base64/base64url-encoded.
 */

/** Shorter values are ignored: redacting every "abc" or "1234" would shred ordinary text. */
export const MIN_SECRET_LENGTH = 4;

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;
const JSON_SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/**
 * One alternation over every secret (each ≥ MIN_SECRET_LENGTH), longest first so that a secret
 * containing another is matched whole. Undefined when there is nothing to look for.
 */
export function secretPatternSource(secrets: Iterable<string>): string | undefined {
  const unique = [...new Set(secrets)].filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  if (unique.length === 0) return undefined;
  return unique
    .sort((a, b) => b.length - a.length)
    .flatMap(variantPatterns)
    .join('|');
}

function variantPatterns(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const encoded = new Set([
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
  ]);
  // Padding is optional (and may itself be URL-encoded) so the encoded forms match either way.
  const padding = `(?:=|%3[dD]){0,2}`;
  return [textPattern(secret), ...[...encoded].map((form) => textPattern(form) + padding)];
}

/** Letters and digits match themselves; every other character also in its encoded spellings. */
function textPattern(text: string): string {
  let source = '';
  for (const char of text) {
    if (/^[A-Za-z0-9]$/.test(char)) {
      source += char;
      continue;
    }
    const spellings = new Set([escapeRegex(char), percentEncoded(char), jsonEscaped(char)]);
    if (char === ' ') spellings.add('\\+');
    source += `(?:${[...spellings].join('|')})`;
  }
  return source;
}

function percentEncoded(char: string): string {
  return [...Buffer.from(char, 'utf8')]
    .map((byte) => '%' + hexPattern(byte.toString(16).padStart(2, '0')))
    .join('');
}

/** JSON (and JSON-ish logger) spellings: short escapes, or \uXXXX per UTF-16 unit. */
function jsonEscaped(char: string): string {
  const short = JSON_SHORT_ESCAPES[char];
  if (short !== undefined) return escapeRegex(short);
  let source = '';
  for (let i = 0; i < char.length; i += 1) {
    source += '\\\\u' + hexPattern(char.charCodeAt(i).toString(16).padStart(4, '0'));
  }
  return source;
}

function hexPattern(hex: string): string {
  return hex.replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`);
}

function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}
