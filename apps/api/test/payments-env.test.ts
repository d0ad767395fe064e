import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '@roundhouse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';
import { createPaymentServices } from '../src/payments/payment-services';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'roundhouse-payments-env-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const ALIPAY = {
  ALIPAY_APP_ID: '2021000000000001',
  ALIPAY_SELLER_ID: '2088000000000001',
  // As a secret store often holds it: one line with escaped newlines.
  ALIPAY_PRIVATE_KEY: privateKey.replaceAll('\n', '\\n'),
  ALIPAY_PUBLIC_KEY: publicKey,
};

describe('payments configuration', () => {
  it('defaults to the sandbox, whose keys are generated once and kept under .data', () => {
    const config = loadEnv({ PAYMENTS_MODE: '' }, dataDir);
    expect(config.payments).toEqual({
      mode: 'sandbox',
      sandboxKeyFile: path.join(dataDir, 'sandbox-payments.json'),
    });
    const first = createPaymentServices(config.payments, 'http://localhost:3000');
    const second = createPaymentServices(config.payments, 'http://localhost:3000');
    expect(first.byProvider.ALIPAY?.provider).toBe('SANDBOX');
    expect(second.sandboxKeys).toEqual(first.sandboxKeys);
  });

  it('goes live with a complete set of Alipay keys', () => {
    const config = loadEnv(ALIPAY, dataDir);
    expect(config.payments.mode).toBe('live');
    const services = createPaymentServices(config.payments, 'https://rh.example');
    expect(services.byProvider.ALIPAY?.provider).toBe('ALIPAY');
    expect(services.sandboxKeys).toBeUndefined();
    expect(config.payments.mode === 'live' && config.payments.providers.alipay?.privateKey).toBe(
      privateKey,
    );
  });

  it('refuses half an Alipay configuration and live mode without keys', () => {
    expect(() => loadEnv({ ALIPAY_APP_ID: 'x' }, dataDir)).toThrow(ConfigurationError);
    expect(() => loadEnv({ ALIPAY_APP_ID: 'x' }, dataDir)).toThrow(/ALIPAY_PRIVATE_KEY/);
    expect(() => loadEnv({ PAYMENTS_MODE: 'live' }, dataDir)).toThrow(ConfigurationError);
    expect(() => loadEnv({ PAYMENTS_MODE: 'paypal' }, dataDir)).toThrow(/PAYMENTS_MODE/);
  });

  it('can be forced into the sandbox even with keys set', () => {
    expect(loadEnv({ ...ALIPAY, PAYMENTS_MODE: 'sandbox' }, dataDir).payments.mode).toBe('sandbox');
  });
});
