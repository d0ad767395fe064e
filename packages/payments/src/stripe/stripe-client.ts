import { ConfigurationError } from '@roundhouse/core';
import Stripe from 'stripe';
import type { StripeCredentials } from '../config';

/** Stripe's own default; a slow API answer is a timeout (retryable), not a hang. */
const REQUEST_TIMEOUT_MS = 20_000;

/**
 * The SDK client for one account. `apiBase` (STRIPE_API_BASE) points it at another host, e.g. a
 * loopback server speaking Stripe's REST shapes in tests. The SDK's own retries are off: every
 * call that moves money carries our Idempotency-Key and our callers (jobs) own the retrying.
 */
export function createStripeClient(credentials: StripeCredentials): Stripe {
  return new Stripe(credentials.secretKey, {
    timeout: REQUEST_TIMEOUT_MS,
    maxNetworkRetries: 0,
    telemetry: false,
    ...(credentials.apiBase ? apiHost(credentials.apiBase) : {}),
  });
}

function apiHost(apiBase: string): { host: string; port: number; protocol: 'http' | 'https' } {
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new ConfigurationError(`STRIPE_API_BASE is not a URL: "${apiBase}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(`STRIPE_API_BASE must be http(s), not ${url.protocol}`);
  }
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
    protocol,
  };
}
