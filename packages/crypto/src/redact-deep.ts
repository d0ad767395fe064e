import { REDACTED, type Redactor } from './redact';

/**
 * Keys whose values are secret whatever they look like. Matched on the key lowercased with
 * separators removed, as a suffix, so clientSecret, x-api-key, ACCESS_TOKEN and set-cookie count
 * but maxTokens or tokenCount don't.
 */
const SECRET_KEY =
  /(?:password|passwd|passphrase|pwd|secret|token|apikey|accesskey|privatekey|secretkey|encryptionkeys?|signingkey|credentials?|authorization|cookie|sessionid)$|^auth$/;
const CIRCULAR = '[Circular]';

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/**
 * A redacted copy of a log record or any JSON-like value (the input is never modified): every
 * string goes through `redactor`, values under secret-looking keys are replaced wholesale (null,
 * undefined and booleans are kept: they reveal nothing and say "not set"), Errors become plain
 * `{ name, message, stack, ...props, cause }` objects, values with toJSON (Date, URL, Buffer) are
 * redacted as they would be serialized, and cycles become "[Circular]".
 */
export function redactDeep(value: unknown, redactor: Redactor): unknown {
  return copy(value, redactor, new Set());
}

function copy(value: unknown, redactor: Redactor, ancestors: Set<object>): unknown {
  if (typeof value === 'string') return redactor(value);
  if (typeof value !== 'object' || value === null) return value;
  if (ancestors.has(value)) return CIRCULAR;
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => copy(item, redactor, ancestors));
    if (value instanceof Error) return copyEntries(errorEntries(value), redactor, ancestors);
    if (hasToJSON(value)) return copy(value.toJSON(), redactor, ancestors);
    return copyEntries(Object.entries(value), redactor, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function copyEntries(
  entries: Array<[string, unknown]>,
  redactor: Redactor,
  ancestors: Set<object>,
): Record<string, unknown> {
  // fromEntries defines own properties: a "__proto__" key stays data, never a prototype.
  return Object.fromEntries(
    entries.map(([key, item]) => [
      redactor(key),
      isSecretKey(key) && !isHarmless(item) ? REDACTED : copy(item, redactor, ancestors),
    ]),
  );
}

function errorEntries(error: Error): Array<[string, unknown]> {
  const entries: Array<[string, unknown]> = [
    ['name', error.name],
    ['message', error.message],
    ['stack', error.stack],
    ...Object.entries(error),
  ];
  return error.cause === undefined ? entries : [...entries, ['cause', error.cause]];
}

function isHarmless(value: unknown): boolean {
  return value === null || value === undefined || typeof value === 'boolean';
}

function hasToJSON(value: object): value is { toJSON(): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
