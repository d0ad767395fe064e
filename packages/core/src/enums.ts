/**
 * The closed value sets of the data model (DESIGN §2). The database CHECK constraints, the Kysely
 * types, the zod inputs of the api and the status machines all take their values from here.
 */
export const PLAN_IDS = ['BASIC', 'PRO', 'ENTERPRISE'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export const CURRENCIES = ['CNY', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

/**
 * Everything an instance can be given credentials for (channel_credentials.channel): chat
 * channels it talks on and model providers it calls. Their fields live in `channels/`.
 */
export const CHANNEL_IDS = [
  'TELEGRAM',
  'DISCORD',
  'SLACK',
  'FEISHU',
  'DINGTALK',
  'WECOM',
  'OPENAI',
  'ANTHROPIC',
  'DEEPSEEK',
  'QWEN',
] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];

export const CHANNEL_KINDS = ['chat', 'model'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const PAYMENT_PROVIDERS = ['ALIPAY', 'WECHATPAY', 'STRIPE', 'SANDBOX'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

export const SUBSCRIPTION_SOURCES = ['PAID', 'TRIAL', 'COMPLIMENTARY'] as const;
export type SubscriptionSource = (typeof SUBSCRIPTION_SOURCES)[number];

export const SUBSCRIPTION_STATUSES = [
  'PENDING',
  'ACTIVE',
  'PAST_DUE',
  'SUSPENDED',
  'CANCELED',
  'EXPIRED',
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const ORDER_STATUSES = [
  'CREATED',
  'PAID',
  'CLOSED',
  'REFUNDED',
  'PARTIALLY_REFUNDED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const REFUND_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export const INSTANCE_STATUSES = [
  'PROVISIONING',
  'DEPLOYING',
  'RUNNING',
  'DEGRADED',
  'FAILED',
  'SUSPENDED',
  'DELETING',
  'DELETED',
] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

export const DEPLOYMENT_KINDS = ['CLONE', 'REDEPLOY', 'RESTART', 'ROLLBACK', 'VARIABLES'] as const;
export type DeploymentKind = (typeof DEPLOYMENT_KINDS)[number];

export const DEPLOYMENT_STATUSES = [
  'QUEUED',
  'BUILDING',
  'DEPLOYING',
  'HEALTH_CHECK',
  'SUCCEEDED',
  'FAILED',
  'CRASHED',
  'CANCELED',
  'TIMED_OUT',
] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Deployments the monitor still has to watch. */
export const INFLIGHT_DEPLOYMENT_STATUSES = [
  'QUEUED',
  'BUILDING',
  'DEPLOYING',
  'HEALTH_CHECK',
] as const satisfies readonly DeploymentStatus[];

export const LOG_STREAMS = ['build', 'deploy', 'system'] as const;
export type LogStream = (typeof LOG_STREAMS)[number];

export const AUDIT_ACTOR_TYPES = ['USER', 'ADMIN', 'API_KEY', 'SYSTEM'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

export const USER_ROLES = ['user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const ORDER_KINDS = ['NEW', 'RENEWAL'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

/** What processing a payment notification did (payment_events.outcome). */
export const PAYMENT_EVENT_OUTCOMES = [
  'APPLIED',
  'DUPLICATE',
  'IGNORED',
  'REJECTED',
  'ERROR',
] as const;
export type PaymentEventOutcome = (typeof PAYMENT_EVENT_OUTCOMES)[number];

export const INVOICE_KINDS = ['INVOICE', 'CREDIT_NOTE'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/** Progress of a Chinese fapiao request attached to an invoice. */
export const FAPIAO_STATUSES = ['NOT_REQUESTED', 'REQUESTED', 'ISSUED', 'FAILED'] as const;
export type FapiaoStatus = (typeof FAPIAO_STATUSES)[number];
