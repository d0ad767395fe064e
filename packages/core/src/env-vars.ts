import { channelEnvVars, getChannel, isChannelId } from './channels/catalog';
import { validateChannelCredentials } from './channels/validate-credentials';
import type { ChannelDefinition } from './channels/types';
import type { PlanId } from './enums';
import { ConfigurationError } from './errors';
import { getPlan, isPlanId, type Plan } from './plans';

/**
 * The env-var builder: everything an instance's Railway service is given (DESIGN §3, clone
 * saga). Pure and deterministic, so a retried saga step computes exactly the variables an
 * earlier attempt sent, and a refusal happens before anything is created on Railway.
 */

export interface InstanceCredentials {
  channel: string;
  /** Decrypted field values keyed by the catalog's field keys. */
  values: unknown;
}

export interface BuildInstanceVariablesInput {
  instance: { id: string; name: string; subscriptionId: string; userId: string };
  /** Roundhouse's public URL; channel callbacks are routed through it. */
  appUrl: string;
  plan: PlanId;
  credentials: readonly InstanceCredentials[];
  /** Operator-chosen additions; may not override anything the builder sets or reserves. */
  extra?: Readonly<Record<string, string>>;
}

/** One reason for refusing; names channels, fields and variables but never a value. */
export interface InstanceVariablesIssue {
  channel?: string;
  field?: string;
  variable?: string;
  message: string;
}

/** Prefixes that belong to us or to Railway (RAILWAY_PUBLIC_DOMAIN, …), never to `extra`. */
const RESERVED_PREFIXES = ['ROUNDHOUSE_', 'PLAN_', 'RAILWAY_'] as const;
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
/** Ids end up in URL paths and project names: keep them to URL-safe characters. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Throws ConfigurationError (reason INVALID, `details.issues`) when a credential set is
 * incomplete or invalid, there are more chat channels than the plan allows, a duplicate
 * channel, or an `extra` variable that collides with a built or reserved one. Every problem is
 * reported at once, so the customer fixes them in one go. No credentials at all is valid: a new
 * instance starts before the customer has added any (the hosted app shows its own setup state).
 */
export function buildInstanceVariables(input: BuildInstanceVariablesInput): Record<string, string> {
  const issues = checkInstance(input.instance);
  const appUrl = normalizeAppUrl(input.appUrl);
  if (appUrl === undefined) {
    issues.push({
      variable: 'APP_URL',
      message: 'appUrl must be an http(s) URL without query or fragment',
    });
  }
  const plan = isPlanId(input.plan) ? getPlan(input.plan) : undefined;
  if (!plan) issues.push({ message: `Unknown plan ${JSON.stringify(String(input.plan))}` });
  const channels = checkCredentials(input.credentials, plan, issues);

  const variables: Record<string, string> = {
    ...systemVariables(input.instance, appUrl ?? ''),
    ...(plan && planVariables(plan)),
    ...channelVariables(channels, appUrl ?? '', input.instance.id),
  };
  for (const [name, value] of Object.entries(input.extra ?? {})) {
    const problem = extraProblem(name, value, variables);
    if (problem) issues.push({ variable: name, message: problem });
    else variables[name] = value;
  }

  if (issues.length > 0) {
    const summary = issues.map(describeIssue).join('; ');
    throw new ConfigurationError(
      `Cannot build the variables of instance ${JSON.stringify(String(input.instance.id))}: ${summary}`,
      { reason: 'INVALID', details: { issues } },
    );
  }
  return Object.fromEntries(Object.entries(variables).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The webhook URL a channel's platform is told to call for this instance. */
export function callbackUrl(
  appUrl: string,
  instanceId: string,
  channel: ChannelDefinition,
): string {
  return `${appUrl}/hooks/instances/${encodeURIComponent(instanceId)}/${channel.slug}`;
}

interface CheckedChannel {
  definition: ChannelDefinition;
  values: Record<string, string>;
}

function checkCredentials(
  credentials: readonly InstanceCredentials[],
  plan: Plan | undefined,
  issues: InstanceVariablesIssue[],
): CheckedChannel[] {
  const seen = new Set<string>();
  const checked: CheckedChannel[] = [];
  for (const { channel, values } of credentials) {
    if (!isChannelId(channel)) {
      issues.push({ channel, message: 'is not a channel in the catalog' });
      continue;
    }
    if (seen.has(channel)) {
      issues.push({ channel, message: 'is configured more than once' });
      continue;
    }
    seen.add(channel);
    const result = validateChannelCredentials(channel, values);
    if (result.ok) checked.push({ definition: getChannel(channel), values: result.value });
    else issues.push(...result.issues.map((issue) => ({ channel, ...issue })));
  }

  const chatCount = [...seen].filter((id) => getChannel(id).kind === 'chat').length;
  if (plan && chatCount > plan.limits.maxChannels) {
    issues.push({
      message: `${chatCount} chat channels configured but plan ${plan.id} allows ${plan.limits.maxChannels}`,
    });
  }
  return checked;
}

function checkInstance(
  instance: BuildInstanceVariablesInput['instance'],
): InstanceVariablesIssue[] {
  const issues: InstanceVariablesIssue[] = [];
  for (const key of ['id', 'subscriptionId', 'userId'] as const) {
    if (typeof instance[key] !== 'string' || !SAFE_ID.test(instance[key])) {
      issues.push({ message: `instance.${key} must be 1–128 letters, digits, - or _` });
    }
  }
  const { name } = instance;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200 || /[\r\n]/.test(name)) {
    issues.push({
      message: 'instance.name must be a single non-empty line of at most 200 characters',
    });
  }
  return issues;
}

function systemVariables(
  instance: BuildInstanceVariablesInput['instance'],
  appUrl: string,
): Record<string, string> {
  // PORT is deliberately absent: Railway assigns it and routes the public domain to it.
  return {
    ROUNDHOUSE_INSTANCE_ID: instance.id,
    ROUNDHOUSE_INSTANCE_NAME: instance.name,
    ROUNDHOUSE_SUBSCRIPTION_ID: instance.subscriptionId,
    ROUNDHOUSE_USER_ID: instance.userId,
    APP_URL: appUrl,
    NODE_ENV: 'production',
  };
}

function planVariables(plan: Plan): Record<string, string> {
  return {
    PLAN_ID: plan.id,
    PLAN_VERSION: String(plan.version),
    PLAN_MAX_CHANNELS: String(plan.limits.maxChannels),
    PLAN_MONTHLY_MESSAGE_QUOTA: String(plan.limits.monthlyMessageQuota),
    PLAN_MODEL_TIER: plan.limits.modelTier,
    PLAN_MEMORY_MB: String(plan.limits.memoryMb),
    PLAN_VCPU: String(plan.limits.vcpu),
    PLAN_SUPPORT_LEVEL: plan.limits.supportLevel,
    PLAN_FEATURES: [...plan.features].sort().join(','),
  };
}

function channelVariables(
  channels: readonly CheckedChannel[],
  appUrl: string,
  instanceId: string,
): Record<string, string> {
  const variables: Record<string, string> = {
    ENABLED_CHANNELS: slugsOf(channels, 'chat'),
    ENABLED_MODEL_PROVIDERS: slugsOf(channels, 'model'),
  };
  for (const { definition, values } of channels) {
    for (const field of definition.fields) {
      const value = values[field.key];
      if (value !== undefined) variables[field.envVar] = value;
    }
    if (definition.webhookEnvVar !== undefined) {
      variables[definition.webhookEnvVar] = callbackUrl(appUrl, instanceId, definition);
    }
  }
  return variables;
}

/** Sorted, comma-separated slugs of one kind: `feishu,slack`. */
function slugsOf(channels: readonly CheckedChannel[], kind: ChannelDefinition['kind']): string {
  return channels
    .filter(({ definition }) => definition.kind === kind)
    .map(({ definition }) => definition.slug)
    .sort()
    .join(',');
}

function extraProblem(
  name: string,
  value: unknown,
  built: Readonly<Record<string, string>>,
): string | undefined {
  if (!ENV_NAME.test(name)) return 'is not a valid variable name (A-Z, 0-9, _)';
  if (typeof value !== 'string') return 'must be a string';
  if (Object.hasOwn(built, name)) return 'collides with a variable Roundhouse sets';
  if (RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix))) {
    return `uses a reserved prefix (${RESERVED_PREFIXES.join(', ')})`;
  }
  // A credential env var of a channel that is not configured would bypass its validation.
  if (channelEnvVars().includes(name)) return 'belongs to a channel; configure the channel instead';
  return undefined;
}

function normalizeAppUrl(raw: string): string | undefined {
  if (typeof raw !== 'string' || !URL.canParse(raw)) return undefined;
  const url = new URL(raw);
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash) return undefined;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function describeIssue(issue: InstanceVariablesIssue): string {
  const subject = [issue.channel, issue.field].filter(Boolean).join('.') || issue.variable;
  return subject ? `${subject}: ${issue.message}` : issue.message;
}
