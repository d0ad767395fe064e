import { isIP } from 'node:net';
import { ResourceError } from '@roundhouse/core';

/** The schemes an outbound webhook may use, and where plain http is tolerated. */
export const WEBHOOK_URL_SCHEMES = {
  /** Always allowed: deliveries carry signed payloads about the customer's instances. */
  secure: 'https:',
  /** Only to this machine, and only when the API itself runs on loopback http (development). */
  loopbackOnly: 'http:',
} as const;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface WebhookUrlPolicy {
  /** Development: allow http://localhost and http://127.0.0.1 (e.g. a local receiver). */
  allowLoopback: boolean;
}

/** Development is recognised by the dashboard itself being served over http from loopback. */
export function webhookUrlPolicy(appUrl: string): WebhookUrlPolicy {
  const url = URL.canParse(appUrl) ? new URL(appUrl) : undefined;
  return { allowLoopback: url?.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) };
}

/**
 * The URL as it will be stored, or ResourceError INVALID saying what is wrong. Refuses
 * addresses inside private networks written as IP literals; hostnames that resolve to one are
 * the delivering worker's to refuse (DNS may change after this check).
 */
export function checkWebhookUrl(raw: string, policy: WebhookUrlPolicy): string {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url) return invalid('The webhook URL is not a valid absolute URL');
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol === WEBHOOK_URL_SCHEMES.loopbackOnly) {
    if (!(loopback && policy.allowLoopback)) {
      return invalid(
        'The webhook URL must use https (http is allowed for localhost in development)',
      );
    }
  } else if (url.protocol !== WEBHOOK_URL_SCHEMES.secure) {
    return invalid(`The webhook URL must use https, not ${url.protocol.replace(':', '')}`);
  }
  if (url.username !== '' || url.password !== '') {
    return invalid('The webhook URL must not contain a user name or password');
  }
  if (loopback ? !policy.allowLoopback : isPrivateHost(url.hostname)) {
    return invalid('The webhook URL must point to a public address');
  }
  return url.href;
}

function isPrivateHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  const ip = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (isIP(ip) === 4) return isPrivateIpv4(ip);
  if (isIP(ip) === 6) return isPrivateIpv6(ip.toLowerCase());
  return false;
}

function isPrivateIpv4(ip: string): boolean {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata services
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224 // multicast and reserved
  );
}

function isPrivateIpv6(ip: string): boolean {
  if (ip === '::' || ip === '::1') return true;
  // IPv4-mapped addresses, which URL normalises to hex (::ffff:10.0.0.1 → ::ffff:a00:1)
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
  if (mapped) {
    const value = ((parseInt(mapped[1]!, 16) << 16) | parseInt(mapped[2]!, 16)) >>> 0;
    return isPrivateIpv4([24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.'));
  }
  // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast
  return /^(f[cd]|fe[89ab]|ff)/.test(ip);
}

function invalid(message: string): never {
  throw new ResourceError(message, { reason: 'INVALID' });
}
