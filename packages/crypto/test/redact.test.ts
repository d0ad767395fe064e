import { describe, expect, it } from 'vitest';
import { createRedactor, MIN_SECRET_LENGTH, redact, REDACTED } from '../src';

const R = REDACTED;

describe('redact: listed secrets', () => {
  const secret = 'hunter2-Sup3r/secret+value';

  it.each([
    ['embedded in a sentence', `login failed for ${secret} today`, `login failed for ${R} today`],
    ['at both ends', `${secret} and ${secret}`, `${R} and ${R}`],
    ['in JSON', JSON.stringify({ note: `x${secret}x` }), JSON.stringify({ note: `x${R}x` })],
    ['URL-encoded', `?q=${encodeURIComponent(secret)}&a=1`, `?q=${R}&a=1`],
    ['URL-encoded in lower case', `?q=hunter2-Sup3r%2fsecret%2bvalue`, `?q=${R}`],
    ['base64-encoded', `b64 ${Buffer.from(secret).toString('base64')} end`, `b64 ${R} end`],
    ['base64url-encoded', `b64 ${Buffer.from(secret).toString('base64url')}.`, `b64 ${R}.`],
    ['across a multi-line log', `line 1\nline 2 ${secret}\nline 3`, `line 1\nline 2 ${R}\nline 3`],
  ])('finds it %s', (_, text, expected) => {
    expect(redact(text, [secret])).toBe(expected);
  });

  it('finds secrets with quotes, backslashes, spaces and non-ASCII in their escaped forms', () => {
    const tricky = 'a "quoted" \\ pässwörd';
    const forms = [
      JSON.stringify({ v: tricky }),
      JSON.stringify(tricky),
      encodeURIComponent(tricky),
      new URLSearchParams({ v: tricky }).toString(),
      tricky.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    ];
    for (const form of forms) {
      expect(redact(`before ${form} after`, [tricky])).not.toMatch(/quoted|p.{0,12}ss/);
    }
  });

  it('covers a secret contained in a longer one, overlapping secrets, and adjacent secrets', () => {
    expect(redact('x abcd-1234-efgh y', ['1234', 'abcd-1234-efgh'])).toBe(`x ${R} y`);
    expect(redact('x abcd-1234 y', ['abcd', 'abcd-1234'])).toBe(`x ${R} y`);
    expect(redact('x abcdefghijk y', ['abcdefgh', 'defghijk'])).toBe(`x ${R} y`);
    expect(redact('x abcdefghijk y', ['defghijk', 'abcdefgh'])).toBe(`x ${R} y`);
    const adjacent = redact('[one-secret][two-secret]', ['one-secret', 'two-secret']);
    expect(adjacent).not.toMatch(/one|two/);
  });

  it(`ignores secrets shorter than ${MIN_SECRET_LENGTH} characters so normal text survives`, () => {
    const text = 'the cat sat on the mat at 10:30';
    expect(redact(text, ['at', 'the', 'a', ''])).toBe(text);
    expect(redact('pin 1234 ok', ['1234'])).toBe(`pin ${R} ok`);
  });

  it('treats regex characters in secrets literally', () => {
    expect(redact('a.b*c(d)|e a-b-c-d-e', ['a.b*c(d)|e'])).toBe(`${R} a-b-c-d-e`);
    expect(redact('x [^$]{2} y', ['[^$]{2}'])).toBe(`x ${R} y`);
  });
});

describe('redact: token shapes', () => {
  const cases: Array<[string, string, string]> = [
    ['Bearer token', 'curl -H "Bearer abcdefghijklmnop1234"', `curl -H "Bearer ${R}"`],
    [
      'Authorization header',
      'Authorization: Basic dXNlcjpwYXNz\nHost: x',
      `Authorization: ${R}\nHost: x`,
    ],
    ['Cookie header', 'Cookie: sid=abc; theme=dark\nAccept: */*', `Cookie: ${R}\nAccept: */*`],
    ['JWT', 'jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl; done', `jwt=${R}; done`],
    ['OpenAI key', 'using sk-proj-Abc123def456ghi789jkl012mno now', `using ${R} now`],
    [
      'Anthropic key',
      'ANTHROPIC_API_KEY is sk-ant-api03-abcdefghijklmnopqrstuv-_x',
      `ANTHROPIC_API_KEY is ${R}`,
    ],
    ['Slack token', 'bot xoxb-1234567890-0987654321-AbCdEfGhIjKl ok', `bot ${R} ok`],
    [
      'GitHub token',
      'git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/x',
      `git clone https://${R}@github.com/x`,
    ],
    ['GitHub fine-grained token', 'pat github_pat_11ABCDEFG0123456789_abcdefghij', `pat ${R}`],
    [
      'Telegram bot URL',
      'GET https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe',
      `GET https://api.telegram.org/bot${R}/getMe`,
    ],
    ['AWS key id', 'key AKIAIOSFODNN7EXAMPLE used', `key ${R} used`],
    [
      'Stripe keys',
      'sk_live_4eC39HqLyjWDarjtT1zdp7dc rk_test_abcdefghij12 whsec_abcdEFGH1234',
      `${R} ${R} ${R}`,
    ],
    [
      'PEM block',
      'k=-----BEGIN PRIVATE KEY-----\nMIIEv\nQ==\n-----END PRIVATE KEY-----\nnext',
      `k=${R}\nnext`,
    ],
    ['truncated PEM', 'cfg -----BEGIN RSA PRIVATE KEY-----\nMIIEv', `cfg ${R}`],
    [
      'query params',
      '/cb?code=1&token=abc.def&password=p%40ss&x=2',
      `/cb?code=1&token=${R}&password=${R}&x=2`,
    ],
    [
      'form and logfmt pairs',
      'user=bob client_secret=s3cr3t api_key=k1 level=info',
      `user=bob client_secret=${R} api_key=${R} level=info`,
    ],
    [
      'JSON pairs',
      '{"password":"two words","apiKey":"k","ok":"fine"}',
      `{"password":"${R}","apiKey":"${R}","ok":"fine"}`,
    ],
    [
      'YAML / header lines',
      'db:\n  password: hunter2\n  host: x\nX-Api-Key: abc',
      `db:\n  password: ${R}\n  host: x\nX-Api-Key: ${R}`,
    ],
    [
      'URL userinfo',
      'postgres://app:p4ss@db.internal:5432/rh',
      `postgres://app:${R}@db.internal:5432/rh`,
    ],
  ];

  it.each(cases)('redacts a %s', (_, text, expected) => {
    expect(redact(text, [])).toBe(expected);
  });

  it('can be turned off, leaving only the listed secrets', () => {
    const text = 'sk-proj-Abc123def456ghi789jkl012mno and listed-value';
    expect(redact(text, ['listed-value'], { tokenShapes: false })).toBe(
      `sk-proj-Abc123def456ghi789jkl012mno and ${R}`,
    );
  });

  it('leaves ordinary log text intact', () => {
    const text = [
      '2025-01-02T03:04:05.678Z INFO deployment 8c1f2e3a-4b5c-6d7e-8f90-123456789abc -> BUILDING (42%)',
      'GET https://example.com/api/v1/instances?page=2&limit=50 200 12ms',
      'commit 3f786850e387550fdab836ed7e6dc881de23001b by alice@example.com',
      'Invalid token: please sign in again. The secret to good logs is context.',
      'password reset requested; max_tokens=4096 tokens=12 token_count=3',
      'Bearer token missing; Basic auth disabled; sk-learn and ghp_short are fine',
      'postgres://app@db.internal:5432/rh is reachable; time 12:30:45',
      'plan PRO ¥99.00 / $14.99 per 30 days',
    ].join('\n');
    expect(redact(text, ['unrelated-secret'])).toBe(text);
  });
});

describe('createRedactor', () => {
  it('is reusable: the same input gives the same output on every call', () => {
    const redactor = createRedactor(['first-secret', 'second-secret']);
    const text = 'a first-secret b second-secret c sk-abcdefghijklmnopqrstuvwxyz';
    const once = redactor(text);
    expect(once).toBe(`a ${R} b ${R} c ${R}`);
    for (let i = 0; i < 5; i += 1) expect(redactor(text)).toBe(once);
    expect(redactor('clean')).toBe('clean');
  });

  it('accepts any iterable and ignores duplicates', () => {
    const redactor = createRedactor(new Set(['dup-secret', 'dup-secret']).values());
    expect(redactor('dup-secret')).toBe(R);
  });

  it('stays linear on hostile input (no catastrophic backtracking)', () => {
    const redactor = createRedactor(['aaaa', 'hostile-secret']);
    const hostile = [
      ' '.repeat(100_000) + 'Basic',
      '\t'.repeat(100_000) + '=',
      'eyJa-'.repeat(20_000),
      'password='.repeat(10_000),
      '"token":"'.repeat(10_000),
      'a://b:'.repeat(15_000),
      '1234567:'.repeat(12_000),
      '-----BEGIN ' + 'A '.repeat(50_000),
      'a'.repeat(100_000),
      '%2F'.repeat(30_000),
    ];
    const started = performance.now();
    for (const text of hostile) redactor(text);
    // Measured ~0.2 s in total; quadratic behaviour takes minutes.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
