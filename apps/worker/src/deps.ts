import type { Keyring } from '@roundhouse/crypto';
import type { Db } from '@roundhouse/db';
import type { PaymentAdapters } from '@roundhouse/payments';
import type { RailwayClient } from '@roundhouse/railway-sdk';
import type { Logger } from 'pino';
import type { Mailer } from './email/mailer';

/** Settings the tasks act on, parsed once in env.ts (DESIGN §7). */
export interface WorkerConfig {
  /** Public URL of the dashboard (links in notifications, callback URLs in instance variables). */
  appUrl: string;
  railway: {
    workspaceId: string;
    templateProjectId: string;
    /** Clone only this template service instead of all of them. */
    templateServiceId: string | undefined;
  };
  monitor: {
    /** How often in-flight deployments are polled. */
    checkIntervalMs: number;
    /** Consecutive failed health checks before an instance is marked and an alert sent. */
    alertThreshold: number;
    /** A deployment without progress for this long is TIMED_OUT. */
    deploymentTimeoutMs: number;
    /** Per-request timeout of an instance health check. */
    healthTimeoutMs: number;
  };
  /** Attempts of the clone saga before it compensates and marks the instance FAILED. */
  maxDeploymentAttempts: number;
  billing: BillingConfig;
}

/** Orders and subscriptions over time (reconcile_orders, advance_subscriptions). */
export interface BillingConfig {
  /** A CREATED order is asked about at its provider once it is this old. */
  reconcileAfterMs: number;
  /** PAST_DUE this many days after the period end → SUSPENDED. */
  graceDays: number;
  /** SUSPENDED (or CANCELED) this many days → EXPIRED and the instance deleted. */
  retentionDays: number;
  /** Days before the period end a reminder goes out. */
  reminderDays: readonly number[];
}

export const DEFAULT_BILLING_CONFIG: BillingConfig = {
  reconcileAfterMs: 300_000,
  graceDays: 3,
  retentionDays: 30,
  reminderDays: [1, 7],
};

/**
 * Everything a task needs, built once at start-up (main.ts) or by a test. Tasks receive it
 * instead of importing singletons, so tests run them against a test database and the simulator.
 */
export interface WorkerDeps {
  db: Db;
  railway: RailwayClient;
  keyring: Keyring;
  logger: Logger;
  config: WorkerConfig;
  /** The clock tasks read (a test may run it ahead). */
  now: () => Date;
  /** HTTP client for instance health checks and outbound webhooks. */
  fetch: typeof fetch;
  /** How notification emails leave (SMTP); unset: the email_outbox table (development). */
  mailer?: Mailer;
  /** The payment providers reconciliation queries; unset in tests that never reconcile. */
  payments?: PaymentAdapters;
}
