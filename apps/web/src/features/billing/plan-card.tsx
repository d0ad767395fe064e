import type { Currency } from '@roundhouse/core';
import { clsx } from 'clsx';
import { Check } from 'lucide-react';
import type { ReactNode } from 'react';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { RouterOutputs } from '../../lib/types';

export type PlanView = RouterOutputs['plans']['list'][number];

/** One plan: price in the chosen currency, its limits and features, and the caller's action. */
export function PlanCard({
  plan,
  currency,
  highlighted = false,
  action,
}: {
  plan: PlanView;
  currency: Currency;
  highlighted?: boolean;
  action: ReactNode;
}) {
  const { t, fmt, locale } = useI18n();
  const price = plan.prices.find((p) => p.currency === currency);
  const { limits } = plan;
  // A Set: "Priority support" is both the support level and a feature of the top plan.
  const lines = new Set([
    t('billing.limit.maxChannels', { count: fmt.number(limits.maxChannels) }),
    t('billing.limit.monthlyMessageQuota', { count: fmt.number(limits.monthlyMessageQuota) }),
    t('billing.limit.resources', { memory: fmt.number(limits.memoryMb), vcpu: limits.vcpu }),
    t(`billing.modelTier.${limits.modelTier}`),
    t(`billing.supportLevel.${limits.supportLevel}`),
    ...plan.features.map((feature) => t(`billing.feature.${feature}`)),
  ]);
  return (
    <Card
      className={clsx('flex flex-col', highlighted && 'ring-2 ring-teal-700')}
      aria-labelledby={`plan-${plan.id}`}
      role="group"
    >
      <CardHeader>
        <div>
          <CardTitle id={`plan-${plan.id}`}>{plan.name[locale]}</CardTitle>
          <p className="mt-1 text-sm text-neutral-600">{plan.description[locale]}</p>
        </div>
      </CardHeader>
      <CardContent className="flex flex-1 flex-col gap-5">
        {price && (
          <p>
            <span className="text-3xl font-semibold tracking-tight text-neutral-900">
              {fmt.money(price.amountMinor, price.currency)}
            </span>{' '}
            <span className="text-sm text-neutral-600">
              {t('billing.plans.perPeriod', { days: plan.billingPeriod.days })}
            </span>
          </p>
        )}
        <ul className="flex-1 space-y-2 text-sm text-neutral-700">
          {[...lines].map((line) => (
            <li key={line} className="flex gap-2">
              <Check aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-teal-700" />
              {line}
            </li>
          ))}
        </ul>
        {action}
      </CardContent>
    </Card>
  );
}
