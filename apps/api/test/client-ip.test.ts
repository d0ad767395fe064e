import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardedClient } from '../src/http/client-ip';
import { startTestApi, type TestApi } from './harness';

/**
 * Which address is the client's (TRUST_PROXY_HOPS): what the request log, the audit log and the
 * per-client sign-in limit key on. Read back from the request log line of each request.
 */
function loggedIps() {
  const ips: unknown[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      const record = JSON.parse(line) as { event?: string; ip?: unknown };
      if (record.event === 'request') ips.push(record.ip);
    }
  });
  return { stream, ips };
}

async function ipOf(api: TestApi, ips: unknown[], forwardedFor?: string): Promise<unknown> {
  const before = ips.length;
  const headers: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  await (await api.fetch('/healthz', { headers })).text();
  await expect.poll(() => ips.length).toBe(before + 1);
  return ips[before];
}

describe('no trusted proxy (default)', () => {
  const log = loggedIps();
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ logTo: log.stream });
  });
  afterAll(() => api?.close());

  it('is the connection peer: a client-sent X-Forwarded-For is ignored', async () => {
    expect(await ipOf(api, log.ips)).toBe('127.0.0.1');
    expect(await ipOf(api, log.ips, '203.0.113.7')).toBe('127.0.0.1');
  });
});

describe('behind one trusted proxy (Railway)', () => {
  const log = loggedIps();
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ logTo: log.stream, server: { trustedProxyHops: 1 } });
  });
  afterAll(() => api?.close());

  it('is the address the proxy appended; what the client wrote before it is not believed', async () => {
    expect(await ipOf(api, log.ips, '203.0.113.7')).toBe('203.0.113.7');
    expect(await ipOf(api, log.ips, '10.0.0.1, 203.0.113.7')).toBe('203.0.113.7');
    expect(await ipOf(api, log.ips, '2001:db8::1')).toBe('2001:db8::1');
  });

  it('falls back to the peer when the header is missing or not an address', async () => {
    expect(await ipOf(api, log.ips)).toBe('127.0.0.1');
    expect(await ipOf(api, log.ips, 'unknown')).toBe('127.0.0.1');
  });

  it('gives each forwarded client its own sign-in budget', async () => {
    const { email } = await api.signUp();
    const signIn = (client: string) =>
      api.fetch('/api/auth/sign-in/email', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: api.origin,
          'x-forwarded-for': client,
        },
        body: JSON.stringify({ email, password: 'not the password' }),
      });
    const attacker = [];
    for (let i = 0; i < 6; i++) attacker.push((await signIn('198.51.100.66')).status);
    expect(attacker).toEqual([401, 401, 401, 401, 401, 429]);
    // Another customer behind the same proxy is not locked out by the attacker's attempts…
    expect((await signIn('198.51.100.67')).status).toBe(401);
    // …and the attacker can't reset its budget by writing another address in front.
    expect((await signIn('198.51.100.1, 198.51.100.66')).status).toBe(429);
  });
});

describe('forwardedClient', () => {
  it('counts hops from the right and refuses what is not an address', () => {
    expect(forwardedClient('a.example, 192.0.2.1, 192.0.2.2', 2)).toBe('192.0.2.1');
    expect(forwardedClient('192.0.2.2', 2)).toBeNull();
    expect(forwardedClient(undefined, 1)).toBeNull();
    expect(forwardedClient('192.0.2.1, not-an-ip', 1)).toBeNull();
  });
});
