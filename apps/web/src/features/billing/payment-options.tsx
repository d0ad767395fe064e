import type { Currency } from '@roundhouse/core';
import { Skeleton } from '../../components/ui';
import { useI18n } from '../../i18n';
import { ChoiceGroup } from './choice-group';
import { methodsFor, type CheckoutMethod, type OfferedMethod } from './payment-methods';

/** Currency toggle (when more than one is payable) and the payment method choice. */
export function PaymentOptions({
  isPending,
  offered,
  currencies,
  currency,
  onCurrency,
  method,
  onMethod,
}: {
  /** The offered methods are still loading: hold their place. */
  isPending: boolean;
  offered: readonly OfferedMethod[];
  currencies: readonly Currency[];
  currency: Currency;
  onCurrency: (currency: Currency) => void;
  method: CheckoutMethod | null;
  onMethod: (method: CheckoutMethod) => void;
}) {
  const { t } = useI18n();
  const methods = methodsFor(offered, currency);
  if (isPending) return <Skeleton className="h-16 w-64" />;
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:flex-wrap sm:gap-8">
      {currencies.length > 1 && (
        <ChoiceGroup
          legend={t('billing.plans.currency')}
          choices={currencies.map((c) => ({ value: c, label: c }))}
          value={currency}
          onChange={onCurrency}
        />
      )}
      <ChoiceGroup
        legend={t('billing.plans.method')}
        choices={methods.map((m) => ({
          value: m.provider,
          label: t(`billing.provider.${m.provider}`),
          disabled: !m.available,
        }))}
        value={method}
        onChange={onMethod}
      />
      {method === null && (
        <p role="alert" className="text-sm text-amber-900 sm:basis-full">
          {t('billing.plans.noMethod', { currency })}
        </p>
      )}
    </div>
  );
}
