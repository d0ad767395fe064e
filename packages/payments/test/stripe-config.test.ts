import { ConfigurationError } from '@roundhouse/core';
import { describe, expect, it } from 'vitest';
import { createPaymentAdapters, paymentsConfigFromEnv } from '../src';

const KEYS = { STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' };

describe('Stripe configuration (STRIPE_*)', () => {
  it('makes payments live with Stripe alone, and offers it at checkout', () => {
    const config = paymentsConfigFromEnv(KEYS, '/tmp/unused.json');
    expect(config).toEqual({
      mode: 'live',
      providers: { stripe: { secretKey: 'sk_test_1', webhookSecret: 'whsec_1' } },
    });
    const adapters = createPaymentAdapters(config, 'https://app.example.test/');
    expect(Object.keys(adapters.byProvider)).toEqual(['STRIPE']);
    expect(adapters.byProvider.STRIPE?.currencies).toEqual(['USD', 'CNY']);
  });

  it('keeps Stripe (test keys) next to the sandbox cashier when PAYMENTS_MODE=sandbox', () => {
    const config = paymentsConfigFromEnv(
      { ...KEYS, PAYMENTS_MODE: 'sandbox', STRIPE_API_BASE: 'http://127.0.0.1:12111' },
      '/tmp/unused.json',
    );
    expect(config).toMatchObject({
      mode: 'sandbox',
      stripe: { apiBase: 'http://127.0.0.1:12111' },
    });
  });

  it('refuses half a key set, and an API base that is not an http(s) URL', () => {
    expect(() =>
      paymentsConfigFromEnv({ STRIPE_SECRET_KEY: 'sk_test_1' }, '/tmp/unused.json'),
    ).toThrow(/STRIPE_WEBHOOK_SECRET/);
    const config = paymentsConfigFromEnv(
      { ...KEYS, STRIPE_API_BASE: 'ftp://stripe.example' },
      '/tmp/unused.json',
    );
    expect(() => createPaymentAdapters(config, 'https://app.example.test')).toThrow(
      ConfigurationError,
    );
  });
});
