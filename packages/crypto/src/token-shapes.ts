/**
 * Shapes of well-known secrets, so they are redacted even when nobody listed them (a customer
 * pastes a token into a field we log, an upstream echoes a header back). Every pattern matches
 * only the secret itself; the context that identifies it (`Bearer `, `password=`, `user:`) is in
 * a lookbehind and stays readable.
 */

/** `word` in any letter case (the regex stays case-sensitive for the token shapes). */
function anyCase(word: string): string {
  return word.replace(/[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`);
}

const SECRET_KEY_WORDS = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'credentials?',
  `api[_-]?key`,
  `access[_-]?key`,
  `private[_-]?key`,
].map((word) => word.replace(/[a-z]+/g, anyCase));
/** Headers whose whole value (scheme and all, up to the end of the line) is secret. */
const SECRET_HEADER_WORDS = ['authorization', 'cookie'].map(anyCase);

/**
 * Where a key's value starts: `"key": `, `key=` anywhere (query strings, forms, logfmt, env
 * dumps), and `key:` only at the start of a line (headers, YAML) so prose like "invalid token:
 * please sign in" is left alone. Every repetition inside a lookbehind is bounded: lookbehinds run
 * at every position, and an unbounded `[ \t]*` makes a long run of spaces quadratic.
 */
function valueAfter(words: string[]): string {
  const word = `(?:${words.join('|')})`;
  const key = `[\\w-]{0,64}${word}`;
  const gap = '[ \\t]{0,8}';
  return `(?:["']${key}["']${gap}[:=]|${word}${gap}=|(?:^|[\\r\\n])${gap}${key}${gap}:)${gap}`;
}

const ANY_SECRET_VALUE = valueAfter([...SECRET_KEY_WORDS, ...SECRET_HEADER_WORDS]);

const TOKEN_SHAPES: string[] = [
  // Quoted values of secret keys: everything up to the closing quote.
  `(?<=${ANY_SECRET_VALUE}")(?:[^"\\\\\\r\\n]|\\\\.)+`,
  `(?<=${ANY_SECRET_VALUE}')[^'\\r\\n]+`,
  // Unquoted values: one token, or the rest of the line for headers like "Authorization: Basic x".
  `(?<=${valueAfter(SECRET_HEADER_WORDS)})[^\\s"'][^\\r\\n"']*`,
  `(?<=${valueAfter(SECRET_KEY_WORDS)})[^\\s"'&,;<>{}()[\\]]+`,
  // Authorization schemes anywhere in text.
  `(?<=\\b(?:[Bb]earer|[Bb]asic)[ \\t]{1,8})[A-Za-z0-9\\-._~+/]{16,}=*`,
  // URL userinfo password: scheme://user:PASSWORD@host.
  `(?<=:\\/\\/[^\\s:/?#@]*:)[^\\s/?#@]+(?=@)`,
  // JWTs: header.payload.signature, the header is base64url JSON so it starts with eyJ. The dotted
  // parts are optional (which also catches other base64 JSON blobs): a required part that can fail
  // after a long run would make runs like "eyJa-eyJa-…" quadratic.
  `\\beyJ[A-Za-z0-9_-]{10,}(?:\\.[A-Za-z0-9_-]*){0,2}`,
  // OpenAI sk-… / sk-proj-…, Anthropic sk-ant-….
  `\\bsk-[A-Za-z0-9_-]{20,}`,
  // Slack bot/user/app tokens.
  `\\bxox[abprs]-[A-Za-z0-9-]{10,}`,
  `\\bxapp-[A-Za-z0-9-]{10,}`,
  // GitHub classic and fine-grained tokens.
  `\\bgh[pousr]_[A-Za-z0-9]{20,}`,
  `\\bgithub_pat_[A-Za-z0-9_]{20,}`,
  // Telegram bot token (also inside api.telegram.org/bot<token>/ URLs, hence no \\b).
  `(?<!\\d)\\d{6,}:[A-Za-z0-9_-]{30,}`,
  // AWS access key ids.
  `\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b`,
  // Stripe secret/restricted keys and webhook signing secrets.
  `\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}`,
  `\\bwhsec_[A-Za-z0-9+/=]{10,}`,
  // PEM private keys, up to the END line or, when the log was cut short, to the end of the text.
  `-----BEGIN[A-Z0-9 ]{0,32}PRIVATE KEY-----[\\s\\S]*?(?:-----END[A-Z0-9 ]{0,32}PRIVATE KEY-----|$)`,
];

export const TOKEN_SHAPES_SOURCE = TOKEN_SHAPES.join('|');
