import { z } from 'zod';

/**
 * Job contracts: every graphile-worker task name and the zod schema of its payload. The api and
 * the payment webhooks enqueue with these (typed by `@roundhouse/db`'s `enqueue`), the worker
 * parses with them before it acts, so both sides agree on one definition.
 */
const id = z.uuid();
const empty = z.object({}).strict();

export const jobContracts = {
  /** Provisioning saga for a freshly created instance row (DESIGN §3). */
  clone_instance: z.object({ instanceId: id }).strict(),
  /** Lifecycle actions: the api records a `deployments` row first, the task carries it out. */
  redeploy_instance: z.object({ instanceId: id, deploymentId: id }).strict(),
  restart_instance: z.object({ instanceId: id, deploymentId: id }).strict(),
  rollback_instance: z.object({ instanceId: id, deploymentId: id }).strict(),
  update_instance_variables: z.object({ instanceId: id, deploymentId: id }).strict(),
  cancel_deployment: z.object({ deploymentId: id }).strict(),
  delete_instance: z.object({ instanceId: id }).strict(),
  suspend_instance: z.object({ instanceId: id }).strict(),
  resume_instance: z.object({ instanceId: id }).strict(),
  /** Crons. `check_instance_health` may also be asked for specific instances (manual check). */
  monitor_deployments: empty,
  check_instance_health: z.object({ instanceIds: z.array(id).max(1000).optional() }).strict(),
  reap_stale_deployments: empty,
  reconcile_orders: empty,
  reconcile_refunds: empty,
  /**
   * Stop Stripe renewing a subscription a full refund canceled, when asking right after the
   * refund failed: retried (graphile-worker's backoff) until Stripe has been told.
   */
  stop_provider_renewal: z.object({ stripeSubscriptionId: z.string().min(1).max(255) }).strict(),
  advance_subscriptions: empty,
  send_notification: z.object({ notificationId: id }).strict(),
  /**
   * A password-reset link from better-auth, mailed by the worker (SMTP, or the email_outbox
   * table in development). The link is a one-hour bearer credential: it lives in the job only
   * until the mail is sent.
   */
  send_password_reset: z
    .object({ to: z.email().max(320), name: z.string().max(200), url: z.url().max(2_000) })
    .strict(),
  /** Deliver a signed sample event to one outbound webhook endpoint (the "send test" button). */
  send_webhook_test: z.object({ endpointId: id }).strict(),
  rotate_encryption_keys: z
    .object({ batchSize: z.number().int().min(1).max(10_000).optional() })
    .strict(),
} as const;

export type JobName = keyof typeof jobContracts;
export type JobPayload<N extends JobName> = z.infer<(typeof jobContracts)[N]>;
export const JOB_NAMES = Object.keys(jobContracts) as JobName[];

/** Parse a payload for `name`; throws a ZodError naming the bad field. */
export function parseJobPayload<N extends JobName>(name: N, payload: unknown): JobPayload<N> {
  return jobContracts[name].parse(payload) as JobPayload<N>;
}

/**
 * Job keys that make enqueueing idempotent: a second enqueue with the same key replaces the
 * pending job instead of adding another (graphile-worker `job_key`).
 */
export const jobKeys = {
  clone: (instanceId: string) => `clone:${instanceId}`,
  lifecycle: (deploymentId: string) => `deployment:${deploymentId}`,
  instance: (action: 'delete' | 'suspend' | 'resume', instanceId: string) =>
    `${action}:${instanceId}`,
  notification: (notificationId: string) => `notify:${notificationId}`,
  /** One pending test delivery per endpoint: repeated clicks don't queue a burst. */
  webhookTest: (endpointId: string) => `webhook-test:${endpointId}`,
  /** One pending renewal stop per Stripe subscription. */
  stopRenewal: (stripeSubscriptionId: string) => `stop-renewal:${stripeSubscriptionId}`,
} as const;
