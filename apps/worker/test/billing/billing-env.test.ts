import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '@roundhouse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/env';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'rh-worker-billing-env-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('loadEnv: payments and billing', () => {
  it('defaults to the sandbox (keys shared with the api) and the documented lifecycle', () => {
    const env = loadEnv({}, dataDir);
    expect(env.payments).toEqual({
      mode: 'sandbox',
      sandboxKeyFile: path.join(dataDir, 'sandbox-payments.json'),
    });
    expect(env.billing).toEqual({
      reconcileAfterMs: 300_000,
      graceDays: 3,
      retentionDays: 30,
      reminderDays: [1, 7],
    });
  });

  it('reads grace, retention, reminder days and the reconciliation delay', () => {
    const env = loadEnv(
      {
        ORDER_RECONCILE_AFTER: '120000',
        SUBSCRIPTION_GRACE_DAYS: '5',
        SUBSCRIPTION_RETENTION_DAYS: '14',
        SUBSCRIPTION_REMINDER_DAYS: '3,10,3',
      },
      dataDir,
    );
    expect(env.billing).toEqual({
      reconcileAfterMs: 120_000,
      graceDays: 5,
      retentionDays: 14,
      reminderDays: [3, 10],
    });
  });

  it.each([
    ['SUBSCRIPTION_GRACE_DAYS', '0'],
    ['SUBSCRIPTION_RETENTION_DAYS', 'thirty'],
    ['SUBSCRIPTION_REMINDER_DAYS', '7;1'],
    ['SUBSCRIPTION_REMINDER_DAYS', '0,1'],
    ['ORDER_RECONCILE_AFTER', '-1'],
    ['PAYMENTS_MODE', 'production'],
  ])('rejects %s=%s', (name, value) => {
    expect(() => loadEnv({ [name]: value }, dataDir)).toThrow(ConfigurationError);
  });

  it('refuses half an Alipay key set, like the api', () => {
    expect(() => loadEnv({ ALIPAY_APP_ID: '2021000000000000' }, dataDir)).toThrow(
      /half configured/,
    );
  });
});
