import { PLAN_IDS, type Currency, type PlanId } from './enums';
import { deepFreeze } from './deep-freeze';
import { ResourceError } from './errors';
import type { LocalizedText } from './localized-text';
import { assertCurrency } from './money';

/**
 * The plan catalog is code, not data (DESIGN §2): orders and subscriptions store the plan id and
 * `version` they were sold at, so changing a price or a limit means bumping that plan's
 * `version` (and `PLAN_CATALOG_VERSION`) instead of silently rewriting what customers bought.
 */
export const PLAN_CATALOG_VERSION = 1;

/** Every plan is billed monthly; the length of a period is data so renewals never guess it. */
export const BILLING_PERIOD = { unit: 'month', days: 30 } as const;

export const MODEL_TIERS = ['standard', 'advanced', 'premium'] as const;
export type ModelTier = (typeof MODEL_TIERS)[number];

export const SUPPORT_LEVELS = ['community', 'email', 'priority'] as const;
export type SupportLevel = (typeof SUPPORT_LEVELS)[number];

/** Keys the web UI turns into translated feature bullets. */
export const PLAN_FEATURE_KEYS = [
  'chat_channels',
  'model_providers',
  'web_dashboard',
  'deployment_logs',
  'health_monitoring',
  'one_click_redeploy',
  'rollback',
  'custom_variables',
  'email_alerts',
  'webhook_alerts',
  'priority_support',
  'uptime_sla',
] as const;
export type PlanFeatureKey = (typeof PLAN_FEATURE_KEYS)[number];

export interface PlanLimits {
  /** Chat channels an instance may connect at once; model providers do not count. */
  readonly maxChannels: number;
  readonly monthlyMessageQuota: number;
  /** Resource hints for the instance's Railway service. */
  readonly memoryMb: number;
  readonly vcpu: number;
  readonly modelTier: ModelTier;
  readonly supportLevel: SupportLevel;
}

export interface Plan {
  readonly id: PlanId;
  readonly version: number;
  readonly name: LocalizedText;
  readonly description: LocalizedText;
  /** Price per billing period, integer minor units (fen / cents). */
  readonly prices: Readonly<Record<Currency, number>>;
  readonly billingPeriod: typeof BILLING_PERIOD;
  readonly limits: PlanLimits;
  readonly features: readonly PlanFeatureKey[];
}

export interface Price {
  readonly amountMinor: number;
  readonly currency: Currency;
}

const BASE_FEATURES = [
  'chat_channels',
  'model_providers',
  'web_dashboard',
  'deployment_logs',
  'health_monitoring',
  'one_click_redeploy',
  'email_alerts',
] as const satisfies readonly PlanFeatureKey[];

const PLANS: Readonly<Record<PlanId, Plan>> = deepFreeze({
  BASIC: {
    id: 'BASIC',
    version: 1,
    name: { zh: '基础版', en: 'Basic' },
    description: {
      zh: '个人使用：一个聊天渠道，标准模型。',
      en: 'For individuals: one chat channel and standard models.',
    },
    prices: { CNY: 9_900, USD: 1_499 },
    billingPeriod: BILLING_PERIOD,
    limits: {
      maxChannels: 1,
      monthlyMessageQuota: 5_000,
      memoryMb: 512,
      vcpu: 0.5,
      modelTier: 'standard',
      supportLevel: 'community',
    },
    features: BASE_FEATURES,
  },
  PRO: {
    id: 'PRO',
    version: 1,
    name: { zh: '专业版', en: 'Pro' },
    description: {
      zh: '小团队：多个渠道，进阶模型，回滚与自定义变量。',
      en: 'For small teams: several channels, advanced models, rollback and custom variables.',
    },
    prices: { CNY: 29_900, USD: 4_199 },
    billingPeriod: BILLING_PERIOD,
    limits: {
      maxChannels: 3,
      monthlyMessageQuota: 50_000,
      memoryMb: 1_024,
      vcpu: 1,
      modelTier: 'advanced',
      supportLevel: 'email',
    },
    features: [...BASE_FEATURES, 'rollback', 'custom_variables', 'webhook_alerts'],
  },
  ENTERPRISE: {
    id: 'ENTERPRISE',
    version: 1,
    name: { zh: '企业版', en: 'Enterprise' },
    description: {
      zh: '企业：全部渠道，顶级模型，优先支持与可用性承诺。',
      en: 'For companies: every channel, premium models, priority support and an uptime SLA.',
    },
    prices: { CNY: 99_900, USD: 13_999 },
    billingPeriod: BILLING_PERIOD,
    limits: {
      maxChannels: 6,
      monthlyMessageQuota: 500_000,
      memoryMb: 4_096,
      vcpu: 2,
      modelTier: 'premium',
      supportLevel: 'priority',
    },
    features: [
      ...BASE_FEATURES,
      'rollback',
      'custom_variables',
      'webhook_alerts',
      'priority_support',
      'uptime_sla',
    ],
  },
});

export function isPlanId(value: unknown): value is PlanId {
  return typeof value === 'string' && (PLAN_IDS as readonly string[]).includes(value);
}

/** The current version of a plan; throws ResourceError NOT_FOUND for an unknown id. */
export function getPlan(id: string): Plan {
  if (!isPlanId(id)) {
    throw new ResourceError(`Unknown plan ${JSON.stringify(id)}; expected one of ${PLAN_IDS}`, {
      reason: 'NOT_FOUND',
      details: { planId: id },
    });
  }
  return PLANS[id];
}

/** Plans in display order (cheapest first). */
export function listPlans(): Plan[] {
  return PLAN_IDS.map((id) => PLANS[id]);
}

/** What the server charges for one period; the client never sends a price (DESIGN §3). */
export function priceOf(planId: string, currency: string): Price {
  const plan = getPlan(planId);
  const checked = assertCurrency(currency);
  return { amountMinor: plan.prices[checked], currency: checked };
}
